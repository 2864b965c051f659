// Windows PowerShell 5.1 (`Set-Content -Encoding UTF8`, `Out-File`) starts UTF-8 files with a
// byte-order mark, which JSON.parse refuses. Files IT writes for the desk (policy.json,
// enrol.json) are read without it, so they parse as the same JSON (issue 22 item 2).
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

// The exported audit CSV's file name, stamped with the local time of the export.

/** The file's name: local time, as on the screen and in the file (its rows carry their UTC offset). */
export function csvFileName(d: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const stamp = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
  return `panic-desk-audit-${stamp}.csv`;
}

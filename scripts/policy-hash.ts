// `npm run policy:hash`: turns a cancel or duress code into the salted scrypt hash the policy's
// `cancelCodes` holds (docs/policy.md). The code is read from standard input, not from the
// command line, so it stays out of shell history and the process list.
import { hashCode } from '../electron/core/duress';

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => (input += chunk));
process.stdin.on('end', () => {
  const code = input.replace(/\r?\n$/, '');
  if (code.length < 4) {
    console.error('A code needs at least 4 characters (read from standard input)');
    process.exit(1);
  }
  console.log(hashCode(code));
});

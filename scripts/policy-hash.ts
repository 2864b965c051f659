// `npm run policy:hash`: turns cancel and duress codes into the salted scrypt hashes the
// policy's `cancelCodes` holds (docs/policy.md). Codes are read from standard input, one a line,
// not from the command line, so they stay out of shell history and the process list. All codes
// of one run share one salt: hash every cancel and duress code of a policy together, so that the
// desk checks a typed code with one derivation (core/cancel-codes.ts).
import { hashCodes, MIN_CODE_LENGTH } from '../electron/core/policy/cancel-codes';

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => (input += chunk));
process.stdin.on('end', () => {
  const codes = input.split(/\r?\n/).filter((line) => line.length > 0);
  if (!codes.length) {
    console.error('Give the codes on standard input, one a line');
    process.exit(1);
  }
  const short = codes.findIndex((code) => code.length < MIN_CODE_LENGTH);
  if (short >= 0) {
    console.error(
      `Code ${short + 1} is too short: a code needs at least ${MIN_CODE_LENGTH} characters (8 recommended)`,
    );
    process.exit(1);
  }
  hashCodes(codes).then(
    (hashes) => console.log(hashes.join('\n')),
    (error: unknown) => {
      console.error(`Could not hash: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
});

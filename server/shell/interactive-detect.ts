/**
 * Recognises output that ends in a prompt for user input ("[y/N]", "Password:", "(yes/no)",
 * "Press any key"), so a command stuck waiting for an answer can be stopped. Pure; no I/O.
 */

const PROMPTS: readonly RegExp[] = [
  /\[y\/n\]|\[Y\/n\]|\[y\/N\]|\(y\/n\)|\(Y\/n\)|\(y\/N\)|\[yes\/no\]|\(yes\/no(\/\[fingerprint\])?\)/i,
  /\b(pass(word|phrase)|passcode|pin)( for [^\n]*?)?:\s*$/i,
  /press (any key|enter|return)/i,
  /\b(continue|proceed|overwrite|replace|remove|delete)\b[^\n]*\?\s*$/i,
  /\b(username|user name|login|email|token|otp|verification code)( for [^\n]*?)?:\s*$/i,
  /\?\s*\(?[yY]\/[nN]\)?\s*$/,
  /^\s*\?\s[^\n]+›?\s*$/m, // inquirer/prompts-style "? Question ›"
  /(select|choose|enter) [^\n]{0,60}[:>]\s*$/i,
];

/** True when the last line(s) of `tail` look like a question waiting for an answer. */
export function looksInteractive(tail: string): boolean {
  const trimmed = tail.replace(/\s+$/, ' ');
  if (!trimmed.trim()) return false;
  // Only the last two lines matter: a prompt is what the program printed last.
  const lines = trimmed.split('\n');
  const end = lines.slice(-2).join('\n');
  return PROMPTS.some((re) => re.test(end));
}

export const INTERACTIVE_MESSAGE =
  'this command waited for interactive input and was stopped; pass a non-interactive flag (e.g. -y, --yes, --no-input) or pipe the answer (e.g. `yes | cmd`)';

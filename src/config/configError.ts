/** A config problem found before any work started. The message is one line: file:line field: what was expected. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

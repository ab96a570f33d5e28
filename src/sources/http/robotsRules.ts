import robotsParserModule from 'robots-parser';
import { robotsForms } from './robotsPath.js';

// robots-parser is CommonJS (module.exports = fn) while its types declare a default export.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;
type Robot = ReturnType<typeof robotsParser>;

export type RobotsVerdict = { allowed: true } | { allowed: false; reason: 'source.http.robots_disallowed' | 'source.http.robots_unavailable'; detail: string };

/** What fetching robots.txt gave: parsed rules, or a blanket decision (RFC 9309 §2.3.1). */
export type RobotsFile =
  | { kind: 'rules'; text: string }
  /** 4xx (or no robots.txt reachable within the allowed hosts): everything may be crawled. */
  | { kind: 'allow_all'; why: string }
  /** 5xx or network failure after retries: assume complete disallow. */
  | { kind: 'disallow_all'; why: string };

/**
 * robots.txt per origin, fetched once per source and cached. `load` fetches one origin's file
 * (through the same politeness gates as every other request).
 */
export class RobotsRules {
  private readonly cache = new Map<string, Promise<{ file: RobotsFile; robot?: Robot }>>();

  constructor(
    private readonly userAgent: string,
    private readonly load: (robotsUrl: string) => Promise<RobotsFile>,
    private readonly onCrawlDelay: (host: string, seconds: number) => void,
  ) {}

  async check(url: string): Promise<RobotsVerdict> {
    const u = new URL(url);
    const robotsUrl = `${u.origin}/robots.txt`;
    let entry = this.cache.get(u.origin);
    if (!entry) {
      entry = this.load(robotsUrl).then((file) => {
        if (file.kind !== 'rules') return { file };
        const robot = robotsParser(robotsUrl, file.text);
        const delay = robot.getCrawlDelay(this.userAgent);
        if (delay && delay > 0) this.onCrawlDelay(u.hostname, delay);
        return { file, robot };
      });
      this.cache.set(u.origin, entry);
    }
    const { file, robot } = await entry;
    if (file.kind === 'allow_all') return { allowed: true };
    if (file.kind === 'disallow_all') return { allowed: false, reason: 'source.http.robots_unavailable', detail: `${u.origin}/robots.txt unavailable (${file.why}): treated as disallow all (RFC 9309)` };
    const blocked = robotsForms(url).find((form) => robot!.isAllowed(form, this.userAgent) === false);
    return blocked !== undefined
      ? { allowed: false, reason: 'source.http.robots_disallowed', detail: `disallowed by ${robotsUrl} for user agent "${this.userAgent}"${blocked !== url ? ` (matched as ${new URL(blocked).pathname})` : ''}` }
      : { allowed: true };
  }
}

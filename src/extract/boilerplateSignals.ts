/**
 * Tag, role and class/id semantics that mark boilerplate or main content. General web signals
 * (the same vocabulary Readability, jusText and trafilatura rely on), never per-site rules.
 */
import type { HNode } from './htmlTree.js';

/** Whole class/id words (bounded by start, end, space, `-` or `_`) that name page furniture. */
const NEGATIVE_WORDS = new RegExp(
  '(?:^|[\\s_-])(?:' +
    [
      'nav', 'navbar', 'navi', 'menu', 'menus', 'submenu', 'breadcrumbs?', 'crumbs?', 'footer', 'foot', 'sidebar',
      'aside', 'share', 'shares', 'sharing', 'social', 'socials', 'related', 'comments?', 'kommentare?', 'disqus',
      'newsletter', 'subscribe', 'subscription', 'cookies?', 'consent', 'gdpr', 'banner', 'popup', 'modal', 'overlay',
      'promo', 'promotion', 'advert', 'advertisement', 'ads?', 'anzeige', 'werbung', 'sponsor', 'sponsored', 'widgets?',
      'tags', 'tag-?list', 'tagcloud', 'keywords', 'pagination', 'pager', 'byline', 'meta', 'author', 'authors',
      'date', 'dateline', 'timestamp', 'published', 'print', 'rating', 'recommend(?:ed|ations?)?', 'outbrain',
      'taboola', 'most-?read', 'popular', 'trending', 'toolbar', 'tools', 'login', 'signup', 'search', 'masthead',
      'skip-?links?', 'sr-only', 'visually-hidden', 'screen-reader-text', 'copyright', 'legal', 'imprint',
      'disclaimer', 'teaser-?list', 'more-?stories', 'read-?more', 'see-?also', 'also-?read', 'next-?prev',
      'prev-?next', 'post-?nav', 'follow', 'paywall', 'shop', 'donate', 'alert', 'notice', 'infobox',
      'disclosure', 'privacy', 'news-?letter', 'ratings?', 'toc', 'table-of-contents', 'flyout', 'breaker',
      'author-?box', 'author-?bio', 'about-?author', 'bio', 'reading-?time',
    ].join('|') +
    ')(?:$|[\\s_-])',
);
/** Substrings that name furniture even when glued into one word (`sharebuttons`, `relatedPosts`). */
const NEGATIVE_SUBSTRINGS =
  /share|social|related|comment|cookie|newsletter|breadcrumb|sidebar|footer|navigation|navbar|menu|banner|advert|sponsor|widget|outbrain|taboola|disqus|subscri|consent|gdpr|paywall|pagination|authorbox/;

/** Class/id words that name the article body; they shield an element from the negative patterns. */
const POSITIVE = /admonition|docblock|docutils|article[-_]?(?:body|content|text)|entry[-_]?content|post[-_]?(?:body|content|text|entry)|story[-_]?(?:body|content|text)|main[-_]?content|body[-_]?text|text[-_]?body|articlebody|blog[-_]?post|content[-_]?body|news[-_]?(?:text|body)|artikel|beitrag/;
/** Weaker positive words for scoring (not for shielding). */
const POSITIVE_WEAK = /(?:^|[\s_-])(?:article|content|entry|hentry|h-entry|main|post|text|blog|story|body|page|single)(?:$|[\s_-])/;

const NEGATIVE_ROLES = new Set(['navigation', 'complementary', 'contentinfo', 'banner', 'menu', 'menubar', 'search', 'dialog', 'alert', 'alertdialog', 'toolbar', 'tablist']);

/** Tags that are furniture by definition. `header` is handled separately (article headers hold the title). */
export const FURNITURE_TAGS = new Set(['nav', 'aside', 'footer', 'form', 'fieldset', 'legend', 'label', 'dialog', 'menu']);

/** Furniture words so unambiguous that the scorer never looks for the article inside such elements. */
const NEVER_CONTENT = /(?:^|[\s_-])(?:comments?|comment-?list|commentlist|disqus|sidebar|related|footer|breadcrumbs?|cookies?|consent|newsletter|share|sharing|social)(?:$|[\s_-])/;

/** True for comment sections, sidebars, related-links boxes and the like (strong class/id words only). */
export function neverContent(n: HNode): boolean {
  return n.cls !== '' && NEVER_CONTENT.test(n.cls) && !POSITIVE.test(n.cls) && n.itemprop !== 'articlebody';
}

/** True when class/id/role say this element is page furniture. */
export function looksLikeBoilerplate(n: HNode): boolean {
  if (n.role && NEGATIVE_ROLES.has(n.role)) return true;
  if (n.itemprop === 'articlebody' || n.itemprop === 'text') return false;
  const c = n.cls;
  if (!c) return false;
  if (!NEGATIVE_WORDS.test(c) && !NEGATIVE_SUBSTRINGS.test(c)) return false;
  return !POSITIVE.test(c);
}

/** Class/id weight for content scoring: +25 for article-ish words, -25 for furniture words. */
export function classWeight(n: HNode): number {
  let w = 0;
  const c = n.cls;
  if (n.itemprop === 'articlebody') w += 50;
  if (n.role === 'main') w += 15;
  if (c) {
    if (POSITIVE.test(c)) w += 40;
    else if (POSITIVE_WEAK.test(c)) w += 15;
    if (NEGATIVE_WORDS.test(c) || NEGATIVE_SUBSTRINGS.test(c)) w -= 25;
  }
  if (n.role && NEGATIVE_ROLES.has(n.role)) w -= 25;
  return w;
}

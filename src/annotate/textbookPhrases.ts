import { PhraseTable } from './phraseTable.js';

/** Phrases the textbook score counts, by category (explanations, definitions, examples, methods). */
// Not the bare word "example" among examples: navigation menus are full of "Examples" links.
export const TEXTBOOK_PHRASES = new PhraseTable({
  explain: [
    'is defined as', 'are defined as', 'defined as', 'definition', 'refers to', 'refer to', 'is called', 'are called', 'known as',
    'means that', 'in other words', 'that is', 'i.e.', 'e.g.', 'for example', 'for instance', 'such as', 'because', 'therefore',
    'thus', 'hence', 'consider', 'suppose', 'note that', 'recall that', 'this means', 'we can', 'you can', 'let us', "let's",
    'in this section', 'in this chapter', 'in this tutorial', 'in this example', 'in this guide', 'the following', 'as follows',
    'illustrate', 'illustrates', 'explain', 'explains', 'describe', 'describes', 'show how', 'shows how', 'how to', 'in order to',
    'the reason', 'which means', 'corresponds to', 'is equivalent to', 'is used to', 'are used to', 'allows you', 'lets you',
  ],
  define: [
    'is defined as', 'are defined as', 'is called', 'are called', 'we define', 'definition', 'refers to', 'is known as', 'denotes',
    'stands for', 'is a type of', 'is a kind of', 'is a way of', 'is a measure of', 'is a set of', 'is a function of',
  ],
  example: [
    'for example', 'for instance', 'e.g.', 'consider the', 'try this', 'exercise', 'here is a', 'here is an', "here's how",
    'as an example', 'the following example', 'in this example', 'for this example',
  ],
  methods: [
    'we propose', 'we present', 'we show', 'we find', 'we derive', 'we prove', 'we use', 'we estimate', 'we compute', 'we fit',
    'our method', 'our approach', 'our results', 'our model', 'results show', 'in this paper', 'method', 'methods', 'algorithm',
    'procedure', 'experiment',
  ],
});
/** Category indexes, in the order above. */
export const EXPLAIN = 0;
export const DEFINE = 1;
export const EXAMPLE = 2;
export const METHODS = 3;
/** Phrases are counted among this many first tokens (they are densities). */
export const PHRASE_TOKEN_CAP = 12_000;

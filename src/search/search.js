// faqpress search box. Without JavaScript the box is a plain form that
// opens the list of articles; here it searches as the reader types.
// Pagefind is loaded on the first keystroke; each question of an article
// is a result of its own, linking to its anchor.
(() => {
  "use strict";
  const root = document.querySelector("[data-search]");
  if (!root) return;
  const input = root.querySelector("input");
  const status = root.querySelector("[role=status]");
  const list = root.querySelector("ol");
  const MAX = 8;
  // The words come from the site's table (data- attributes of the form);
  // the count picks its form by the page's language.
  const words = root.dataset;
  const forms = new Intl.PluralRules(document.documentElement.lang || "en");
  const count = (n) =>
    (forms.select(n) === "one" ? words.one : words.other).replace("{n}", String(n));
  let pagefind = null;
  let latest = 0;

  const load = async () => {
    if (!pagefind) {
      pagefind = await import(root.dataset.bundle + "pagefind.js");
      await pagefind.options({ baseUrl: root.dataset.base, excerptLength: 24 });
    }
    return pagefind;
  };

  // Pagefind's excerpts are text with <mark> around the words found: keep
  // exactly that, as text nodes and <mark> elements, and nothing else.
  const excerpt = (html) => {
    const parsed = document.createElement("template");
    parsed.innerHTML = html;
    const out = document.createElement("span");
    for (const node of parsed.content.childNodes) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.append(mark);
      } else {
        out.append(document.createTextNode(node.textContent));
      }
    }
    return out;
  };

  const hitsOf = async (result) => {
    const data = await result.data();
    const score = (s) => s.weighted_locations.reduce((sum, l) => sum + l.balanced_score, 0);
    const subs = [...data.sub_results].sort((a, b) => score(b) - score(a));
    if (!subs.length) return [{ title: data.meta.title, url: data.url, excerpt: data.excerpt }];
    return subs.map((s) => ({
      title: s.title === data.meta.title ? s.title : s.title + " · " + data.meta.title,
      url: s.url,
      excerpt: s.excerpt,
    }));
  };

  const show = (hits, query) => {
    list.replaceChildren(
      ...hits.slice(0, MAX).map((hit) => {
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = hit.url;
        link.textContent = hit.title;
        const text = document.createElement("p");
        text.append(excerpt(hit.excerpt));
        item.append(link, text);
        return item;
      }),
    );
    const n = Math.min(hits.length, MAX);
    status.textContent = n === 0 ? words.none.replace("{query}", query) : count(n);
  };

  const search = async () => {
    const query = input.value.trim();
    const ticket = ++latest;
    if (!query) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    try {
      const found = await (await load()).debouncedSearch(query, {}, 150);
      if (!found || ticket !== latest) return;
      const hits = [];
      for (const result of found.results.slice(0, MAX)) {
        hits.push(...(await hitsOf(result)));
        if (hits.length >= MAX) break;
      }
      if (ticket === latest) show(hits, query);
    } catch (error) {
      status.textContent = words.unavailable;
      console.warn("faqpress search:", error);
    }
  };

  input.addEventListener("input", search);
  root.addEventListener("submit", (event) => event.preventDefault());
})();

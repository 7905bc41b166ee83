#!/usr/bin/env python3
"""Writes a deterministic N-article Q&A site for faqpress and the same
Markdown for Hugo.

usage: gen_site.py N OUT_DIR
Creates OUT_DIR/faqpress (site.yaml + content/) and OUT_DIR/hugo
(hugo.toml + content/ + layouts/). Every article is about 4 KB: front
matter, an introduction, six question sections with lists, links and bold
text, tags; every third one has a checklist and a pricing block.
"""
import os
import random
import sys

WORDS = ("skin collagen needle session treatment clinic redness healing serum "
         "texture pores scars wrinkles sunscreen gentle routine result week "
         "month patient doctor cream device roller depth numbing care").split()


def sentence(rng, n=14):
    words = [rng.choice(WORDS) for _ in range(n)]
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def paragraph(rng, sentences=4):
    return " ".join(sentence(rng) for _ in range(sentences))


QUESTIONS = [
    "How is treatment {i} performed?",
    "How does treatment {i} work?",
    "Is treatment {i} safe for everyone?",
    "How much time and money does treatment {i} take?",
    "What can you expect after treatment {i}?",
    "How often should treatment {i} be repeated?",
]


def slug(text):
    out, dash = [], False
    for c in text.lower():
        if c.isalnum():
            if dash and out:
                out.append("-")
            out.append(c)
            dash = False
        else:
            dash = True
    return "".join(out)


def article(i, n, rng):
    questions = [q.format(i=i) for q in QUESTIONS]
    other = (i + 1) % n
    body = [paragraph(rng, 3), "", paragraph(rng, 2), ""]
    for q in questions:
        body += [f"## {q}", "", paragraph(rng, 2), "",
                 f"- **{rng.choice(WORDS)}** {sentence(rng, 8)}",
                 f"- {sentence(rng, 10)}",
                 f"- see [article {other}](article-{other}.md)", "",
                 sentence(rng), ""]
    body += ["## Wrapping it up", "", paragraph(rng, 2), ""]
    front = [
        "---",
        f"title: Treatment {i} explained",
        f"description: Answers to six common questions about treatment {i}.",
        f"date: 2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
        f"tags: [{rng.choice(WORDS)}, {rng.choice(WORDS)}]",
    ]
    if i % 3 == 0:
        front += [
            "checklist:",
            "  title: Is this treatment right for you?",
            "  items:",
            "    - text: I am in good health.",
            "      kind: good",
            "      cites: wrapping-it-up",
            "    - text: I am pregnant.",
            "      kind: rules_out",
            f"      cites: {slug(questions[2])}",
            "pricing:",
            "  currency: USD",
            f"  price_per_session: {{ min: {100 + i % 50}, max: {200 + i % 80} }}",
            "  sessions: { min: 3, max: 4 }",
            "  minutes_per_session: 30",
            "  as_of: 2024-05-01",
        ]
    front.append("---")
    return "\n".join(front) + "\n" + "\n".join(body)


def hugo_front(text):
    """Hugo gets the same Markdown with only the fields it understands."""
    head, body = text.split("\n---\n", 1)
    keep = [l for l in head.splitlines()[1:]
            if l.split(":")[0] in ("title", "description", "date", "tags")]
    return "---\n" + "\n".join(keep) + "\n---\n" + body.replace(".md)", "/)")


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    fp, hugo = os.path.join(out, "faqpress"), os.path.join(out, "hugo")
    os.makedirs(os.path.join(fp, "content"), exist_ok=True)
    os.makedirs(os.path.join(hugo, "content"), exist_ok=True)
    os.makedirs(os.path.join(hugo, "layouts", "_default"), exist_ok=True)
    with open(os.path.join(fp, "site.yaml"), "w") as f:
        f.write("title: Benchmark\nbase_url: https://bench.example/\n")
    with open(os.path.join(hugo, "hugo.toml"), "w") as f:
        f.write('baseURL = "https://bench.example/"\ntitle = "Benchmark"\n'
                'disableKinds = ["taxonomy", "term"]\n'
                '[markup.goldmark.renderer]\nunsafe = true\n')
    layouts = {
        "baseof.html": '<!doctype html><html lang="en"><head><meta charset="utf-8">'
                       '<title>{{ .Title }}</title></head><body>'
                       '{{ block "main" . }}{{ end }}</body></html>',
        "single.html": '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .TableOfContents }}'
                       '{{ .Content }}{{ end }}',
        "list.html": '{{ define "main" }}<ul>{{ range .Paginator.Pages }}'
                     '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>'
                     '{{ end }}</ul>{{ end }}',
    }
    for name, text in layouts.items():
        with open(os.path.join(hugo, "layouts", "_default", name), "w") as f:
            f.write(text)
    for i in range(n):
        rng = random.Random(i)
        text = article(i, n, rng)
        name = "index.md" if i == 0 else f"article-{i}.md"
        with open(os.path.join(fp, "content", name), "w") as f:
            f.write(text.replace(f"article-0.md", "index.md"))
        with open(os.path.join(hugo, "content", f"article-{i}.md"), "w") as f:
            f.write(hugo_front(text))


if __name__ == "__main__":
    main()

"""Generate a synthetic pattern library for patternlint benchmarks.

    python benchmarks/generate_library.py OUT_DIR --count N [--seed S]
        [--v1-fraction 0.4] [--defect-rate 0.05] [--manifest FILE]
        [--near-miss 0.5] [--cycle K] [--duplicate-id K]

Writes N Markdown pattern files shaped like the commons.engineering library:
spec v7.1 files (7 frontmatter groups, ~150-250 frontmatter lines, 8
``### Section N: Name`` headings, 15-25 KB body) and a fraction in the older v1
layout (``classification:`` key, ``### N. Name`` headings). All prose comes
from the templates below, never from the real (CC-BY-SA) library. Output is
deterministic for a given seed and arguments.

A share of files (--defect-rate) carries exactly one defect; the kinds are
listed in V7_DEFECTS and V1_DEFECTS. --manifest writes them as JSON.

Stress shapes for the library-wide rules (each changes only what it names):
--near-miss F misspells that share of the `relationships` slugs (one letter of one word, so
"did you mean" has work to do); the rest of the library is byte-for-byte the plain one.
--cycle K links the first K v7.1 files into one `generalizes_from` ring (and puts no other
link under `generalizes_from`/`specializes_to`, so the ring is the only knot).
--duplicate-id K gives the first K files one id.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"
RELATION_KEYS = (
    "generalizes_from",
    "specializes_to",
    "enables",
    "requires",
    "alternatives",
    "complementary",
    "tools",
)
SCORE_KEYS = (
    "stakeholder_architecture",
    "value_creation",
    "resilience",
    "ownership",
    "autonomy",
    "composability",
    "fractal_value",
    "vitality",
)
V7_SECTIONS = (
    ("Context", 1.0),
    ("Problem", 1.0),
    ("Solution", 1.8),
    ("Implementation", 2.4),
    ("Consequences", 1.4),
    ("Known Uses", 1.4),
    ("Cognitive Era", 1.1),
    ("Vitality", 1.2),
)
V1_SECTIONS = (
    ("Overview", 1.4),
    ("Core Principles", 1.2),
    ("Key Practices", 1.4),
    ("Implementation", 1.8),
    ("Commons Alignment Assessment", 1.0),
    ("When to Use", 0.6),
    ("Cognitive Era Considerations", 1.0),
    ("References", 0.3),
)
V7_DEFECTS = (
    "stale_overall_score",
    "unresolved_slug",
    "misnumbered_heading",
    "weight_out_of_range",
    "missing_key",
)
V1_DEFECTS = ("unresolved_id", "misnumbered_heading", "missing_key")
V7_OMITTABLE: tuple[str, ...] = ("title: ", "license: ", "  status: ", "attribution: ")
V1_OMITTABLE: tuple[str, ...] = ("title: ", "license: ")
BANNER = "# " + "\u2550" * 67
CODE_BLOCK_CHANCE = 0.12
AN_BEFORE_VOWEL = re.compile(r"\b([Aa])(?= [aeiou])")

ADJECTIVES = (
    "adaptive", "anchored", "bounded", "circular", "civic", "collective",
    "distributed", "durable", "emergent", "federated", "fractal", "generous",
    "humble", "iterative", "layered", "living", "local", "modular", "mutual",
    "nested", "open", "participatory", "patient", "plural", "polycentric",
    "porous", "portable", "quiet", "reciprocal", "regenerative", "resilient",
    "rhythmic", "rotating", "seasonal", "shared", "slow", "transparent",
    "visible", "woven", "tidal", "sovereign", "lean", "gentle", "braided",
)
NOUNS = (
    "agreement", "archive", "assembly", "backlog", "boundary", "bridge",
    "budget", "canopy", "charter", "circle", "clinic", "commons", "compass",
    "compost", "cooperative", "council", "covenant", "dialogue", "forum",
    "garden", "guild", "handover", "harvest", "kitchen", "lantern", "ledger",
    "library", "loop", "map", "market", "mesh", "network", "orchard",
    "pipeline", "protocol", "registry", "retrospective", "ritual", "roadmap",
    "root", "rota", "school", "signal", "studio", "threshold", "treasury",
    "watershed", "workshop", "beacon", "cadence", "quorum", "relay",
)
ACTORS = (
    "stewards", "volunteers", "maintainers", "organisers", "product teams",
    "neighbourhood councils", "cooperative members", "frontline staff",
    "facilitators", "researchers", "city officials", "newcomers",
    "long-standing members", "funders", "working groups",
)
VERBS = (
    "tend", "map", "rotate", "audit", "share", "prune", "renew", "negotiate",
    "document", "seed", "revisit", "publish", "rehearse", "measure", "pair",
)
OUTCOMES = (
    "trust accumulates in small, verifiable steps",
    "decisions travel further than the room they were made in",
    "hidden costs surface before they compound",
    "the group learns faster than any single member could",
    "responsibility stops pooling around the loudest voice",
    "the arrangement survives the departure of its founders",
    "local variation becomes a source of insight rather than friction",
    "slow feedback loops become short enough to act on",
    "disagreement turns into a shared inventory of options",
    "capacity grows at the edges instead of only at the centre",
)
RISKS = (
    "the routine hardens into ceremony",
    "a few people quietly become gatekeepers",
    "documentation drifts away from practice",
    "the cadence outruns the energy of the participants",
    "measurement crowds out judgement",
    "the boundary becomes a wall",
)
TEMPLATES = (
    "When {actors} treat the {noun} as {adj} infrastructure, {outcome}.",
    "A {adj} {noun} asks {actors} to {verb} what they would otherwise keep private.",
    "Without a {adj} {noun}, {risk}, and nobody notices until the next crisis.",
    "The first move is modest: {actors} {verb} one {noun} and report what changed.",
    "Over several cycles {outcome}, because the {noun} keeps the record honest.",
    "It helps to name who will {verb} the {noun} and how often they will do it.",
    "In practice {actors} often discover that {outcome}.",
    "The weak point is familiar: {risk}.",
    "A {adj} rhythm matters more than a perfect design for the {noun}.",
    "Each time {actors} {verb} the {noun}, they leave a trace others can follow.",
    "The pattern does not remove tension; it gives {actors} a {adj} place to hold it.",
    "Small groups can start with a paper {noun}; larger ones need a {adj} {noun} with clear owners.",
    "If {risk}, step back and {verb} the {noun} together before adding new rules.",
    "What looks like overhead at first is how {outcome}.",
    "The {noun} works best when it stays {adj} and easy to {verb}.",
    "Experienced {actors} watch for early signs that {risk}.",
    "A short written note after each cycle lets {actors} {verb} the {noun} without meetings.",
    "Nothing here depends on tools; a {adj} {noun} can live on a whiteboard.",
    "Where {actors} share the work of keeping the {noun}, {outcome}.",
    "The question to ask every quarter is whether the {noun} is still {adj}.",
)
CODE_BLOCKS = (
    (
        "yaml",
        "# cadence for the {noun} review\n"
        "review:\n  every: 14d\n  owners: [steward, facilitator]\n  notes: shared",
    ),
    (
        "bash",
        "# export the {noun} before the retrospective\n"
        "patternctl export --format csv > {noun}.csv\nwc -l {noun}.csv",
    ),
    (
        "python",
        "# score each {noun} entry on a 0-5 scale\n"
        "def score(entry: dict) -> float:\n    return round(sum(entry.values()) / len(entry), 1)",
    ),
)


@dataclass(frozen=True)
class Shape:
    """The stress shapes of the library-wide rules (see the module docstring)."""

    seed: int = 1
    near_miss: float = 0.0
    ring: dict[str, str] = field(default_factory=dict)  # slug → the next slug of the ring


@dataclass(frozen=True)
class Stub:
    """What every file needs to know about every other file."""

    index: int
    slug: str
    typeid: str
    title: str
    layout: str  # "v7.1" or "v1"
    defect: str | None


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path, help="directory to write into (created; must hold no .md files)")
    parser.add_argument("--count", type=int, required=True, help="number of pattern files")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--v1-fraction", type=float, default=0.4, help="share of files in the v1 layout")
    parser.add_argument("--defect-rate", type=float, default=0.05, help="share of files with one defect")
    parser.add_argument("--manifest", type=Path, help="write {file: defect} and layout counts as JSON here")
    parser.add_argument("--near-miss", type=float, default=0.0, help="share of relationship slugs misspelt")
    parser.add_argument("--cycle", type=int, default=0, help="link the first K v7.1 files into one ring")
    parser.add_argument("--duplicate-id", type=int, default=0, help="give the first K files one id")
    args = parser.parse_args(argv)
    if not 0.0 <= args.near_miss <= 1.0:
        parser.error("--near-miss must be between 0 and 1")
    if args.cycle < 0 or args.duplicate_id < 0 or args.duplicate_id > args.count:
        parser.error("--cycle and --duplicate-id must be between 0 and --count")
    if args.count < 1:
        parser.error("--count must be at least 1")
    for name in ("v1_fraction", "defect_rate"):
        if not 0.0 <= getattr(args, name) <= 1.0:
            parser.error(f"--{name.replace('_', '-')} must be between 0 and 1")
    return args


# --------------------------------------------------------------------------- planning


def new_typeid(rng: random.Random, taken: set[str]) -> str:
    while True:
        typeid = "pat_" + rng.choice(CROCKFORD[:8]) + "".join(rng.choices(CROCKFORD, k=25))
        if typeid not in taken:
            taken.add(typeid)
            return typeid


def new_slug(rng: random.Random, taken: set[str]) -> str:
    for words in (2, 3, 3, 3, 4):
        parts = [rng.choice(ADJECTIVES)] + rng.sample(NOUNS, words - 1)
        slug = "-".join(parts)
        if slug not in taken:
            taken.add(slug)
            return slug
    suffix = 2
    while f"{slug}-{suffix}" in taken:
        suffix += 1
    taken.add(f"{slug}-{suffix}")
    return f"{slug}-{suffix}"


def plan_library(count: int, seed: int, v1_fraction: float, defect_rate: float) -> list[Stub]:
    rng = random.Random(f"plan:{seed}")
    slugs: set[str] = set()
    typeids: set[str] = set()
    stubs = []
    for index in range(count):
        slug = new_slug(rng, slugs)
        layout = "v1" if rng.random() < v1_fraction else "v7.1"
        kinds = V1_DEFECTS if layout == "v1" else V7_DEFECTS
        defect = rng.choice(kinds) if rng.random() < defect_rate else None
        title = " ".join(word.capitalize() for word in slug.split("-"))
        stubs.append(Stub(index, slug, new_typeid(rng, typeids), title, layout, defect))
    return stubs


# --------------------------------------------------------------------------- prose


def fix_articles(text: str) -> str:
    return AN_BEFORE_VOWEL.sub(r"\1n", text)


def sentence_pool(seed: int, size: int = 3000) -> list[str]:
    rng = random.Random(f"prose:{seed}")
    pool = []
    for _ in range(size):
        sentence = rng.choice(TEMPLATES).format(
            actors=rng.choice(ACTORS),
            noun=rng.choice(NOUNS),
            adj=rng.choice(ADJECTIVES),
            verb=rng.choice(VERBS),
            outcome=rng.choice(OUTCOMES),
            risk=rng.choice(RISKS),
        )
        pool.append(fix_articles(sentence))
    return pool


def paragraph(rng: random.Random, pool: list[str]) -> str:
    text = " ".join(rng.choices(pool, k=rng.randint(4, 9)))
    return text[0].upper() + text[1:]


def bullet_list(rng: random.Random, pool: list[str], numbered: bool) -> str:
    items = []
    for number in range(1, rng.randint(3, 7) + 1):
        marker = f"{number}." if numbered else "-"
        term = f"{rng.choice(ADJECTIVES).capitalize()} {rng.choice(NOUNS)}"
        items.append(f"{marker} **{term}:** {' '.join(rng.choices(pool, k=2))}")
    return "\n".join(items)


def code_block(rng: random.Random) -> str:
    language, body = rng.choice(CODE_BLOCKS)
    return f"```{language}\n{body.format(noun=rng.choice(NOUNS))}\n```"


def section_text(rng: random.Random, pool: list[str], budget: int, lead: str = "") -> str:
    blocks = [lead] if lead else []
    size = len(lead)
    while size < budget:
        roll = rng.random()
        if roll < 0.15:
            block = bullet_list(rng, pool, numbered=roll < 0.05)
        elif roll < 0.2:
            block = f"**{rng.choice(ADJECTIVES).capitalize()} {rng.choice(NOUNS)}.** {paragraph(rng, pool)}"
        else:
            block = paragraph(rng, pool)
        blocks.append(block)
        size += len(block) + 2
    return "\n\n".join(blocks)


def budgets(rng: random.Random, sections: tuple[tuple[str, float], ...]) -> list[int]:
    total = rng.randint(12_000, 20_500)
    weight_sum = sum(weight for _, weight in sections)
    return [int(total * weight / weight_sum) for _, weight in sections]


def heading_numbers(rng: random.Random, misnumber: bool) -> list[int]:
    numbers = list(range(1, 9))
    if misnumber:
        position = rng.randrange(1, 8)
        numbers[position] = numbers[position] + rng.choice((-1, 1))
    return numbers


# --------------------------------------------------------------------------- v7.1 files


def score_text(value: float, int_style: bool) -> str:
    return str(int(value)) if int_style and value == int(value) else f"{value:.1f}"


def commons_scores(rng: random.Random) -> list[float]:
    """Eight scores whose mean never sits on a .x5 rounding boundary."""
    base = [rng.choice((2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0)) for _ in range(7)]
    while True:
        vitality = rng.randint(20, 50) / 10
        tenths = round((sum(base) + vitality) * 10)
        if tenths % 8 != 4:
            return base + [vitality]


def overall_score(rng: random.Random, scores: list[float], stale: bool) -> float:
    overall = round(sum(scores) / len(scores), 1)
    if not stale:
        return overall
    delta = rng.choice((-1, 1)) * rng.choice((0.3, 0.5, 0.8))
    if not 0.0 <= overall + delta <= 5.0:
        delta = -delta
    return round(overall + delta, 1)


def folded(key: str, text: str, indent: str) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + len(word) > 66:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return [f"{indent}{key}: >-"] + [f"{indent}  {part}" for part in lines]


def group_banner(number: int, name: str) -> list[str]:
    return [BANNER, f"# GROUP {number}: {name}", BANNER]


def pick_targets(rng: random.Random, stubs: list[Stub], me: Stub, k: int) -> list[str]:
    others = [stubs[i].slug for i in rng.sample(range(len(stubs)), min(k + 1, len(stubs))) if i != me.index]
    return others[:k]


def misspelt(slug: str, rng: random.Random) -> str:
    """One letter of one word of `slug` changed, so the result names no file."""
    words = slug.split("-")
    w = rng.randrange(len(words))
    word = words[w]
    i = rng.randrange(len(word))
    words[w] = word[:i] + rng.choice([c for c in "aeiourstln" if c != word[i]]) + word[i + 1 :]
    return "-".join(words) + ("" if rng.random() < 0.9 else "x")


def relationship_lines(rng: random.Random, stubs: list[Stub], me: Stub, shape: Shape) -> list[str]:
    targets = pick_targets(rng, stubs, me, rng.randint(0, 8))
    if shape.near_miss:
        # Its own stream, so the plain library's choices stay the same.
        misses = random.Random(f"near:{shape.seed}:{me.index}")
        targets = [misspelt(t, misses) if misses.random() < shape.near_miss else t for t in targets]
    if me.defect == "unresolved_slug":
        targets.append(f"{rng.choice(ADJECTIVES)}-missing-{rng.choice(NOUNS)}-{rng.randint(100, 999)}")
    if me.defect == "weight_out_of_range" and not targets:
        targets = pick_targets(rng, stubs, me, 1) or [me.slug]
    grouped: dict[str, list[str]] = {key: [] for key in RELATION_KEYS}
    keys = RELATION_KEYS[2:] if shape.ring else RELATION_KEYS
    for target in targets:
        grouped[rng.choice(keys)].append(target)
    if me.slug in shape.ring:
        grouped["generalizes_from"].append(shape.ring[me.slug])
    bad_weight_target = rng.choice(targets) if me.defect == "weight_out_of_range" else None
    lines = ["relationships:"]
    for key, slugs in grouped.items():
        lines.append(f"  {key}:" if slugs else f"  {key}: []")
        for slug in slugs:
            weight = 1.4 if slug == bad_weight_target else rng.randint(60, 95) / 100
            lines += [f"    - slug: {slug}", f"      weight: {weight}"]
    return lines


def graph_garden_lines(rng: random.Random, stubs: list[Stub], me: Stub) -> list[str]:
    lines = ["graph_garden:", f"  last_pruned: 2026-0{rng.randint(1, 6)}-{rng.randint(10, 28)}", "  entities:"]
    for _ in range(rng.randint(7, 14)):
        adj, noun = rng.choice(ADJECTIVES), rng.choice(NOUNS)
        lines += [
            f"    - id: {adj}-{noun}",
            f"      type: {rng.choice(('concept', 'concept', 'practice', 'framework', 'person', 'tool'))}",
            f'      label: "{adj.capitalize()} {noun.capitalize()}"',
            f"      relevance: {rng.randint(70, 95) / 100}",
        ]
    lines.append("  communities:")
    for _ in range(rng.randint(3, 7)):
        adj, noun = rng.choice(ADJECTIVES), rng.choice(NOUNS)
        lines += [
            f"    - id: {adj}-{noun}-community",
            f'      label: "{adj.capitalize()} {noun.capitalize()} & Practice"',
            f"      source: {rng.choice(('taxonomy', 'inferred'))}",
            f"      confidence: {rng.randint(70, 95) / 100}",
        ]
    lines.append("  inferred_links:")
    for target in pick_targets(rng, stubs, me, rng.randint(5, 14)):
        lines += [
            f"    - target: {target}",
            f"      type: {rng.choice(RELATION_KEYS)}",
            f"      confidence: {rng.randint(70, 95) / 100}",
            f'      reason: "{rng.choice(OUTCOMES).capitalize()}."',
        ]
    return lines


def v7_frontmatter(rng: random.Random, stubs: list[Stub], me: Stub, shape: Shape) -> tuple[list[str], str]:
    """Frontmatter lines and the primary tension (reused in the body)."""
    tension = f"{rng.choice(ADJECTIVES).capitalize()} vs. {rng.choice(ADJECTIVES).capitalize()}"
    scores = commons_scores(rng)
    int_style = rng.random() < 0.5
    summary = " ".join(rng.choices(OUTCOMES, k=2)).capitalize() + "."
    lines = group_banner(1, "CORE IDENTITY") + [
        f"id: {me.typeid}",
        f"slug: {me.slug}",
        f'title: "{me.title}"',
        "aliases: []",
        *folded("summary", summary, ""),
        "",
        *group_banner(2, "CONTEXTUAL TRANSLATION (The Navigator Engine)"),
        "context_labels:",
        f'  corporate: "{me.title} for Organizations"',
        f'  government: "{me.title} in Public Service"',
        f'  activist: "{me.title} for Movements"',
        f'  tech: "{me.title} for Products"',
        "",
        *group_banner(3, "ONTOLOGY & SEARCH OPTIMIZATION (The RAG Fuel)"),
        "ontology:",
        f"  domain: {rng.choice(NOUNS)}",
        f"  cross_domains: [{', '.join(rng.sample(NOUNS, rng.randint(0, 3)))}]",
        "  commons_domain:",
        *(f"    - {domain}" for domain in rng.sample(("life", "business", "civic", "tech", "learning"), 2)),
        "  search_hints:",
        f'    primary_tension: "{tension}"',
        f"    vector_keywords: [{', '.join(json.dumps(word) for word in rng.sample(NOUNS, 5))}]",
        "  commons_assessment:",
        *(f"    {key}: {score_text(value, int_style)}" for key, value in zip(SCORE_KEYS, scores)),
        *folded("vitality_reasoning", " ".join(rng.choices(OUTCOMES, k=3)), "    "),
        f"    overall_score: {overall_score(rng, scores, me.defect == 'stale_overall_score')}",
        "",
        *group_banner(4, "LIFECYCLE & CONFIDENCE"),
        "lifecycle:",
        f"  usage_stage: {rng.choice(('application', 'application', 'design', 'recognition'))}",
        f"  adoption_stage: {rng.choice(('growth', 'growth', 'early_adopters', 'mature'))}",
        "  status: draft",
        f"  version: {rng.choice(('0.1', '1.0', '1.2'))}",
        f"  confidence: {rng.randint(1, 3)}",
        "",
        *group_banner(5, "HARD RELATIONSHIPS (Human-Curated Graph)"),
        *relationship_lines(rng, stubs, me, shape),
        *group_banner(6, "GRAPH GARDEN (Machine-Written Graph)"),
        *graph_garden_lines(rng, stubs, me),
        *group_banner(7, "PROVENANCE"),
        'contributors: ["steward-one", "steward-two"]',
        "sources:",
        f'  - "{rng.choice(ADJECTIVES).capitalize()} {rng.choice(NOUNS).capitalize()} Studies"',
        "license: CC-BY-SA-4.0",
        'attribution: "synthetic benchmark data generated by patternlint"',
    ]
    return lines, tension


def v7_body(rng: random.Random, pool: list[str], me: Stub, tension: str) -> str:
    numbers = heading_numbers(rng, me.defect == "misnumbered_heading")
    leads = {
        "Problem": f"> **The core conflict is {tension}.**",
        "Solution": fix_articles(
            f"> **Therefore, {rng.choice(VERBS)} a {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} together.**"
        ),
    }
    parts = [
        paragraph(rng, pool),
        "> [!NOTE] Confidence Rating: \u2605\u2605\u2606 (Emerging)\n> This pattern is synthetic benchmark data.",
    ]
    for number, (name, _), budget in zip(numbers, V7_SECTIONS, budgets(rng, V7_SECTIONS)):
        text = section_text(rng, pool, budget, leads.get(name, ""))
        if name == "Implementation" and rng.random() < CODE_BLOCK_CHANCE:
            text += "\n\n" + code_block(rng)
        parts.append(f"---\n\n### Section {number}: {name}\n\n{text}")
    return "\n\n".join(parts)


# --------------------------------------------------------------------------- v1 files


def v1_frontmatter(rng: random.Random, stubs: list[Stub], me: Stub) -> list[str]:
    related = [stubs[i].typeid for i in rng.sample(range(len(stubs)), min(3, len(stubs))) if i != me.index]
    related = related[: rng.choice((0, 0, 3))]
    if me.defect == "unresolved_id":
        related.append("pat_" + "7" + "".join(rng.choices(CROCKFORD, k=25)))
    day = f"2026-01-{rng.randint(10, 31)}"
    return [
        f"id: {me.typeid}",
        f"title: {me.title}",
        f"slug: {me.slug}",
        "aliases: []",
        "classification:",
        f"  universality: {rng.choice(('domain', 'universal'))}",
        f"  domain: {rng.choice(NOUNS)}",
        "  category:",
        f"  - {rng.choice(('practice', 'tool', 'team'))}",
        "  era:",
        f"  - {rng.choice(('digital', 'cognitive'))}",
        "  origin: []",
        "  status: draft",
        f"  commons_alignment: {rng.randint(2, 5)}",
        "  commons_domain:",
        f"  - {rng.choice(('business', 'startup', 'civic'))}",
        "generalizes_from: []",
        "specializes_to: []",
        "enables: []",
        "requires: []",
        "related:" if related else "related: []",
        *(f"- {typeid}" for typeid in related),
        f"confidence_score: {rng.choice((0.6, 0.7, 0.8))}",
        "sources: []",
        "version: 1.0.0",
        f"last_updated: {day}",
        f"page_url: https://patterns.example.org/{me.slug}/",
        f"created: {day}",
        f"modified: {day}",
        "contributors:",
        "- name: Synthetic Steward",
        "  role: author",
        "license: CC-BY-SA-4.0",
        "attribution: synthetic benchmark data generated by patternlint",
    ]


def pillar_table(rng: random.Random, pool: list[str]) -> str:
    rows = ["| Pillar | Score (1-5) | Rationale |", "|---|---|---|"]
    for pillar in ("Purpose", "Governance", "Culture", "Incentives", "Knowledge", "Technology", "Resilience"):
        rows.append(f"| {pillar} | {rng.randint(2, 5)} | {rng.choice(pool)} |")
    return "\n".join(rows)


def v1_body(rng: random.Random, pool: list[str], me: Stub) -> str:
    numbers = heading_numbers(rng, me.defect == "misnumbered_heading")
    parts = [f"# {me.title}"]
    for number, (name, _), budget in zip(numbers, V1_SECTIONS, budgets(rng, V1_SECTIONS)):
        if name == "References":
            text = "\n".join(f"{i}. [Note {i}](https://example.org/{me.slug}/{i})" for i in range(1, 6))
        elif name == "Commons Alignment Assessment":
            text = section_text(rng, pool, budget // 2, pillar_table(rng, pool))
        else:
            text = section_text(rng, pool, budget)
        if name == "Implementation" and rng.random() < CODE_BLOCK_CHANCE:
            text += "\n\n" + code_block(rng)
        parts.append(f"### {number}. {name}\n\n{text}")
    return "\n\n".join(parts)


# --------------------------------------------------------------------------- assembly


def drop_key(rng: random.Random, lines: list[str], prefixes: tuple[str, ...]) -> list[str]:
    prefix = rng.choice(prefixes)
    position = next(i for i, line in enumerate(lines) if line.startswith(prefix))
    return lines[:position] + lines[position + 1 :]


def render(stub: Stub, stubs: list[Stub], pool: list[str], seed: int, shape: Shape = Shape()) -> str:
    rng = random.Random(f"file:{seed}:{stub.index}")
    if stub.layout == "v1":
        lines, body, omittable = v1_frontmatter(rng, stubs, stub), v1_body(rng, pool, stub), V1_OMITTABLE
    else:
        lines, tension = v7_frontmatter(rng, stubs, stub, shape)
        body, omittable = v7_body(rng, pool, stub, tension), V7_OMITTABLE
    if stub.defect == "missing_key":
        lines = drop_key(rng, lines, omittable)
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body + "\n"


def write_manifest(path: Path, stubs: list[Stub], args: argparse.Namespace) -> None:
    manifest = {
        "seed": args.seed,
        "count": args.count,
        "layouts": dict(Counter(stub.layout for stub in stubs)),
        "defects": {f"{stub.slug}.md": stub.defect for stub in stubs if stub.defect},
    }
    path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    out_dir: Path = args.out_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    if any(out_dir.glob("*.md")):
        print(f"error: {out_dir} already holds .md files; use an empty directory", file=sys.stderr)
        return 2
    stubs = plan_library(args.count, args.seed, args.v1_fraction, args.defect_rate)
    if args.duplicate_id:
        stubs = [replace(s, typeid=stubs[0].typeid) if s.index < args.duplicate_id else s for s in stubs]
    ring = [s.slug for s in stubs if s.layout == "v7.1"][: args.cycle]
    if len(ring) < args.cycle:
        print(f"error: --cycle {args.cycle} needs as many v7.1 files; there are {len(ring)}", file=sys.stderr)
        return 2
    shape = Shape(args.seed, args.near_miss, {a: b for a, b in zip(ring, ring[1:] + ring[:1])} if len(ring) > 1 else {})
    pool = sentence_pool(args.seed)
    for stub in stubs:
        (out_dir / f"{stub.slug}.md").write_text(render(stub, stubs, pool, args.seed, shape), encoding="utf-8")
    if args.manifest:
        write_manifest(args.manifest, stubs, args)
    defects = Counter(stub.defect for stub in stubs if stub.defect)
    v1_count = sum(stub.layout == "v1" for stub in stubs)
    summary = ", ".join(f"{kind}={n}" for kind, n in sorted(defects.items())) or "none"
    print(f"wrote {len(stubs)} files to {out_dir} ({v1_count} v1); defects: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

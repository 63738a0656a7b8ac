"""## What it does
Reports frontmatter that is not valid YAML, at the position where the YAML reader gave up.

## Why is this bad?
When the YAML does not parse, none of the pattern's data can be read: the site generator fails
or silently drops the pattern, and no other rule can check it.

## Example
```yaml
ontology: {domain: governance, cross_domains: []
  commons_domain:
    - life
```

## Use instead
```yaml
ontology:
  domain: governance
  cross_domains: []
  commons_domain:
    - life
```

## Fix
Not fixable automatically.
"""

from patternlint.model import Rule, Scope, Severity
from patternlint.rules._common import parse_problems

rule = Rule(
    code="PL005",
    name="yaml-syntax-error",
    summary="Frontmatter is not valid YAML",
    scope=Scope.FILE,
    severity=Severity.ERROR,
    doc=__doc__,
    file_check=parse_problems("yaml-syntax-error"),
)

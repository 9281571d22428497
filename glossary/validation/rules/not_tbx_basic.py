"""A TBX source in another dialect or version than TBX-Basic v3 DCA (a warning).

TBX v2 (``<martif>``), TBX-Core, TBX-Min, DCT-style files and private dialects are read
like any TBX file, but the TBX-Basic schema check (``X601``) does not apply to them. This
says so once per file, so that nobody takes the silence for a passed check.

**Fails**

```xml
<martif type="TBX" xml:lang="en"><text><body><termEntry id="a"><langSet xml:lang="en"><tig><term>a</term></tig></langSet></termEntry></body></text></martif>
```

**Passes**

```xml
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">
  <tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="a"><langSec xml:lang="en"><termSec><term>a</term></termSec></langSec></conceptEntry>
  </body></text>
</tbx>
```
"""

from __future__ import annotations

from glossary.validation.diagnostics import Severity
from glossary.validation.rules.base import Scope

CODE = "X602"
NAME = "not-tbx-basic"
SCOPE = Scope.TBX
SEVERITY = Severity.WARNING

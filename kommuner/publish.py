"""Settings for publishing, shared by every municipality's ``publishconf.py``: the site's public address.

Use them only to publish (``SITEURL=https://… python -m styrmodell build --settings
kommuner/<kommun>/publishconf.py``). Local builds and the tests use ``pelicanconf.py``,
which needs no address.
"""

import os

# sitemap.xml, the Atom feed and the DCAT catalogue need absolute addresses. Without SITEURL they
# would be published with relative ones, so a publishing build without it stops here, before
# anything is built (the build runs this file when it reads the settings; output/ stays as it was).
SITEURL = os.environ.get("SITEURL", "").strip().rstrip("/")
if not SITEURL.startswith(("https://", "http://")):
    raise SystemExit(
        "Publiceringen stoppades: miljövariabeln SITEURL saknas eller är inte en fullständig adress "
        f"({SITEURL!r}). Sätt den till webbplatsens adress, till exempel "
        "SITEURL=https://kommun.github.io/styrmodell, och bygg igen. Utan den får sitemap.xml, "
        "nyhetsflödet och katalogdata (DCAT) ofullständiga adresser. För en lokal förhandsvisning: make site."
    )
RELATIVE_URLS = False

# security.txt's Expires: by default one year after the latest period ends (follows the data, see
# styrmodell/exports/sitefiles.py). A publishing run can set SECURITY_TXT_EXPIRES (an ISO date, e.g. a year
# after the run; publish.yml does) so that a site built from old data never ships an expired file.
SECURITY_TXT_EXPIRES = os.environ.get("SECURITY_TXT_EXPIRES") or None

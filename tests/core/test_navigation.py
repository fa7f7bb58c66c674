from muster.portal.context_processors import _NAMESPACE_MODULE
from muster.portal.navigation import MODULES


def test_every_built_module_is_highlighted_on_its_own_pages():
    for module in MODULES:
        if module.url_name is not None:
            namespace = module.url_name.split(":")[0]
            assert _NAMESPACE_MODULE.get(namespace) == module.slug, module.slug


def test_the_active_module_is_marked_in_the_menu(personas, login):
    page = login(personas["leader"]).get("/directives/").content.decode()
    assert 'nav-link active" href="/directives/"' in page

from muster.core.registry import registry
from muster.portal.navigation import modules


def test_every_built_module_is_highlighted_on_its_own_pages():
    for module in modules():
        if module.url_name is not None:
            namespace = module.url_name.split(":")[0]
            assert registry.module_of_namespace(namespace) == module.slug, module.slug


def test_the_active_module_is_marked_in_the_menu(personas, login):
    page = login(personas["leader"]).get("/directives/").content.decode()
    assert 'nav-link active" href="/directives/"' in page

"""Pages of military-service registration: the steps on the person page (``records``), the
commune's April calls (``calls``) and reserve calls (``reserve``), and the printed registration
forms (``printed``). Thin: the services in ``registration.services`` validate and write."""

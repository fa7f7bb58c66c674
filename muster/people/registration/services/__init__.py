"""State changes of military-service registration (đăng ký NVQS).

Each service checks the actor's role and area, validates, then writes the registration events,
moves the citizen if needed and records the audit event, all in one transaction."""

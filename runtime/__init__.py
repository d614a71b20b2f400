"""What handlers and the domain run on: settings, clock, work scope, outbox and delivery, scheduler, services."""

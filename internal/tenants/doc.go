// Package tenants registers tenants and their API keys. Creating a tenant
// registers it and builds its schema (tables, triggers, indexes) in one
// transaction; deleting one drops the schema and everything the tenant has in
// public tables in one transaction. Schema names come only from validated
// slugs and are always quoted as identifiers.
package tenants

package source

// TenantExists is the condition, for a statement of another owner, that the
// tenant whose id is idExpr is still registered. It is SQL text rather than
// a read so the check runs on the statement's own snapshot: a separate read
// first would race a deletion or creation in between.
func TenantExists(idExpr string) string {
	return `EXISTS (SELECT 1 FROM public.tenants WHERE id = ` + idExpr + `)`
}

// TenantMissing is the negation of TenantExists.
func TenantMissing(idExpr string) string {
	return `NOT ` + TenantExists(idExpr)
}

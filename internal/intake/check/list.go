package check

import (
	"errors"

	"github.com/zumodra/zumodra/internal/domain"
)

// List gathers field errors.
type List struct {
	errs []error
}

// Add records err when it is not nil.
func (l *List) Add(err error) {
	if err != nil {
		l.errs = append(l.errs, err)
	}
}

// Err returns nil, or every recorded error joined: domain.ErrorCode of the
// result is the code of the first, and Fields lists them all.
func (l *List) Err() error {
	if len(l.errs) == 0 {
		return nil
	}
	return errors.Join(l.errs...)
}

// Fields returns every *domain.Error inside err (see domain.Errors).
func Fields(err error) []*domain.Error { return domain.Errors(err) }

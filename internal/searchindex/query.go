package searchindex

import (
	"errors"
	"fmt"
	"strings"
)

// ErrUnsupported marks a tsquery the index cannot evaluate (a phrase or a
// weight restriction needs positions it does not keep): the caller answers
// it from PostgreSQL instead.
var ErrUnsupported = errors.New("searchindex: query needs word positions")

// Node is one node of a parsed tsquery.
type Node struct {
	Op     byte   // 'w' a lexeme, '!' not, '&' and, '|' or
	Lexeme string // for 'w'
	Prefix bool   // for 'w': matches every lexeme starting with Lexeme
	Kids   []*Node
}

// Parse reads a tsquery in PostgreSQL's text output form, as
// websearch_to_tsquery(...)::text prints it: quoted lexemes with an
// optional :* prefix mark, !, &, | and parentheses. The empty query
// (only stop words) parses to nil, which matches nothing.
func Parse(s string) (*Node, error) {
	p := &parser{s: s}
	p.space()
	if p.eof() {
		return nil, nil
	}
	n, err := p.or()
	if err != nil {
		return nil, err
	}
	if p.space(); !p.eof() {
		return nil, fmt.Errorf("searchindex: unexpected %q in tsquery", p.s[p.i:])
	}
	return n, nil
}

type parser struct {
	s string
	i int
}

func (p *parser) eof() bool { return p.i >= len(p.s) }

func (p *parser) space() {
	for !p.eof() && p.s[p.i] == ' ' {
		p.i++
	}
}

func (p *parser) peek() byte {
	p.space()
	if p.eof() {
		return 0
	}
	return p.s[p.i]
}

// or, and, not and primary follow PostgreSQL's precedence: ! binds
// tightest, then the phrase operator (refused), then &, then |.
func (p *parser) or() (*Node, error) {
	return p.binary('|', p.and)
}

func (p *parser) and() (*Node, error) {
	return p.binary('&', p.not)
}

func (p *parser) binary(op byte, next func() (*Node, error)) (*Node, error) {
	n, err := next()
	if err != nil {
		return nil, err
	}
	for p.peek() == op {
		p.i++
		m, err := next()
		if err != nil {
			return nil, err
		}
		if n.Op == op {
			n.Kids = append(n.Kids, m)
		} else {
			n = &Node{Op: op, Kids: []*Node{n, m}}
		}
	}
	if p.peek() == '<' {
		return nil, ErrUnsupported
	}
	return n, nil
}

func (p *parser) not() (*Node, error) {
	if p.peek() == '!' {
		p.i++
		n, err := p.not()
		if err != nil {
			return nil, err
		}
		return &Node{Op: '!', Kids: []*Node{n}}, nil
	}
	return p.primary()
}

func (p *parser) primary() (*Node, error) {
	switch p.peek() {
	case '(':
		p.i++
		n, err := p.or()
		if err != nil {
			return nil, err
		}
		if p.peek() != ')' {
			return nil, errors.New("searchindex: unbalanced parenthesis in tsquery")
		}
		p.i++
		return n, nil
	case '\'':
		return p.lexeme()
	}
	return nil, fmt.Errorf("searchindex: unexpected %q in tsquery", p.s[p.i:])
}

// lexeme reads 'text' (” is a quote inside) and its flags.
func (p *parser) lexeme() (*Node, error) {
	var b strings.Builder
	p.i++ // the opening quote
	for {
		if p.eof() {
			return nil, errors.New("searchindex: unterminated lexeme in tsquery")
		}
		c := p.s[p.i]
		p.i++
		if c == '\'' {
			if !p.eof() && p.s[p.i] == '\'' {
				b.WriteByte('\'')
				p.i++
				continue
			}
			break
		}
		if c == '\\' && !p.eof() {
			c = p.s[p.i]
			p.i++
		}
		b.WriteByte(c)
	}
	n := &Node{Op: 'w', Lexeme: b.String()}
	if p.eof() || p.s[p.i] != ':' {
		return n, nil
	}
	p.i++
	for !p.eof() && strings.IndexByte("*ABCDabcd", p.s[p.i]) >= 0 {
		if p.s[p.i] != '*' {
			return nil, ErrUnsupported
		}
		n.Prefix = true
		p.i++
	}
	return n, nil
}

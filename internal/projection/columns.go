package projection

import "reflect"

// The row structs are the single list of catalog columns: their db tags give
// the names and their field order gives the order, so JobColumns, Values and
// the content hash can never disagree with each other.

func columnsOf(row any) []string {
	t := reflect.TypeOf(row)
	cols := make([]string, t.NumField())
	for i := range cols {
		cols[i] = t.Field(i).Tag.Get("db")
		if cols[i] == "" {
			panic("projection: field " + t.Field(i).Name + " has no db tag")
		}
	}
	return cols
}

func valuesOf(row any) []any {
	v := reflect.ValueOf(row)
	vals := make([]any, v.NumField())
	for i := range vals {
		vals[i] = v.Field(i).Interface()
	}
	return vals
}

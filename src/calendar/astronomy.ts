/**
 * Low-precision astronomy used by the Vietnamese lunar calendar.
 *
 * - New moons: the classic series of Jean Meeus, "Astronomical Formulae for
 *   Calculators" (mean lunation + main periodic terms + ΔT correction).
 * - Sun's apparent longitude: Meeus, "Astronomical Algorithms", ch. 25
 *   (mean longitude + equation of centre), accurate to ~0.01°.
 *
 * These are the formulas used by Hồ Ngọc Đức's published algorithm, which
 * reproduces the official Vietnamese calendar for UTC+7.
 */

const DEG = Math.PI / 180;
const TWO_PI = 2 * Math.PI;

/** Mean length of a synodic month, in days. */
export const SYNODIC_MONTH = 29.530588853;
/** Julian date of the mean new moon number 0 (1900-01-01). */
export const NEW_MOON_EPOCH_JD = 2415021.076998695;

/** Julian date (UT) of the k-th new moon counted from 1900-01-01. */
export function newMoonJd(k: number): number {
  const t = k / 1236.85; // Julian centuries since 1900.0
  const t2 = t * t;
  const t3 = t2 * t;
  const meanPhase =
    2415020.75933 +
    29.53058868 * k +
    0.0001178 * t2 -
    0.000000155 * t3 +
    0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * DEG);
  const sunAnomaly = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * DEG;
  const moonAnomaly = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * DEG;
  const latitudeArg = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * DEG;
  const s = Math.sin;
  const periodic =
    (0.1734 - 0.000393 * t) * s(sunAnomaly) +
    0.0021 * s(2 * sunAnomaly) -
    0.4068 * s(moonAnomaly) +
    0.0161 * s(2 * moonAnomaly) -
    0.0004 * s(3 * moonAnomaly) +
    0.0104 * s(2 * latitudeArg) -
    0.0051 * s(sunAnomaly + moonAnomaly) -
    0.0074 * s(sunAnomaly - moonAnomaly) +
    0.0004 * s(2 * latitudeArg + sunAnomaly) -
    0.0004 * s(2 * latitudeArg - sunAnomaly) -
    0.0006 * s(2 * latitudeArg + moonAnomaly) +
    0.001 * s(2 * latitudeArg - moonAnomaly) +
    0.0005 * s(sunAnomaly + 2 * moonAnomaly);
  // ΔT (ephemeris time − universal time), in days.
  const deltaT =
    t < -11
      ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
      : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return meanPhase + periodic - deltaT;
}

/** Sun's apparent ecliptic longitude in radians, normalised to [0, 2π). */
export function sunLongitudeRad(jd: number): number {
  const t = (jd - 2451545.0) / 36525; // Julian centuries since J2000.0
  const t2 = t * t;
  const meanAnomaly = (357.5291 + 35999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * DEG;
  const meanLongitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  const centre =
    (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(meanAnomaly) +
    (0.019993 - 0.000101 * t) * Math.sin(2 * meanAnomaly) +
    0.00029 * Math.sin(3 * meanAnomaly);
  const lon = (meanLongitude + centre) * DEG;
  return lon - TWO_PI * Math.floor(lon / TWO_PI);
}

/** Local day number (JDN) on which the k-th new moon falls, for a UTC offset in hours. */
export function getNewMoonDay(k: number, timeZone: number): number {
  return Math.floor(newMoonJd(k) + 0.5 + timeZone / 24);
}

/**
 * Which 30° sector (0…11) of the ecliptic the sun is in at local midnight
 * starting day `dayNumber`. Sector 9 begins at the winter solstice (270°).
 */
export function getSunLongitude(dayNumber: number, timeZone: number): number {
  return Math.floor((sunLongitudeRad(dayNumber - 0.5 - timeZone / 24) / Math.PI) * 6);
}

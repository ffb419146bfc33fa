/** Held-out fixture: a basketball league (teams, players, games, per-game player stats as a link
 *  table) with no declared keys, integer seasons and founding years, and two team keys per game. */
import { DAYS, dayIso, random, writeFixtureDatabase, type FixtureDatabase } from './fixtureKit';

const DDL = `
CREATE TABLE team (team_id INTEGER PRIMARY KEY, team_name TEXT NOT NULL, city TEXT NOT NULL, conference TEXT NOT NULL, founded_yr INTEGER NOT NULL);
CREATE TABLE player (player_id INTEGER PRIMARY KEY, full_name TEXT NOT NULL, position TEXT NOT NULL, birth_country TEXT NOT NULL, team_id INTEGER NOT NULL, height_cm INTEGER NOT NULL);
CREATE TABLE game (game_id INTEGER PRIMARY KEY, season INTEGER NOT NULL, game_date DATE NOT NULL, home_team_id INTEGER NOT NULL, away_team_id INTEGER NOT NULL,
  home_pts INTEGER NOT NULL, away_pts INTEGER NOT NULL, attendance INTEGER NOT NULL);
CREATE TABLE player_game_stats (game_id INTEGER NOT NULL, player_id INTEGER NOT NULL, pts INTEGER NOT NULL, reb INTEGER NOT NULL, ast INTEGER NOT NULL, mins INTEGER NOT NULL,
  PRIMARY KEY (game_id, player_id));
`;

const TEAMS: [string, string, string, number][] = [
  ['Harbor Hawks', 'Halifax', 'East', 1952], ['Prairie Wolves', 'Regina', 'West', 1968], ['Lakeside Lynx', 'Toronto', 'East', 1975],
  ['Summit Bears', 'Calgary', 'West', 1981], ['Capital Comets', 'Ottawa', 'East', 1964], ['Coastal Orcas', 'Vancouver', 'West', 1990],
  ['River Foxes', 'Montreal', 'East', 1947], ['Northern Lights', 'Edmonton', 'West', 2001],
];
const POSITIONS: [string, number][] = [['guard', 188], ['forward', 201], ['center', 211]];
const COUNTRIES = ['Canada', 'United States', 'Spain', 'Serbia', 'Nigeria', 'France'];
const FIRST = ['Andre', 'Bruno', 'Caleb', 'Dejan', 'Emeka', 'Felix', 'Gael', 'Hugo', 'Isaac', 'Jalen', 'Kofi', 'Luka', 'Marc', 'Nikola'];
const LAST = ['Abara', 'Brooks', 'Cruz', 'Dukic', 'Eze', 'Fournier', 'Gray', 'Hill', 'Ivic', 'Jones', 'Kane', 'Lopez'];

export function createSportsDatabase(): FixtureDatabase {
  return writeFixtureDatabase('sports', (db) => {
    const rnd = random(24681);
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
    db.exec(DDL);
    db.transaction(() => {
      TEAMS.forEach((t, i) => db.prepare('INSERT INTO team VALUES (?, ?, ?, ?, ?)').run(i + 1, ...t));
      const roster = new Map<number, number[]>();
      for (let p = 1; p <= 96; p++) {
        const team = 1 + ((p - 1) % TEAMS.length);
        const [position, height] = POSITIONS[p % 3];
        db.prepare('INSERT INTO player VALUES (?, ?, ?, ?, ?, ?)').run(p, `${FIRST[p % FIRST.length]} ${LAST[(p * 5) % LAST.length]} ${p}`, position, pick(COUNTRIES), team, height - 8 + Math.floor(rnd() * 17));
        roster.set(team, [...(roster.get(team) ?? []), p]);
      }
      let game = 1;
      for (let day = 0; day < DAYS; day += 3) {
        const date = dayIso(day);
        const month = Number(date.slice(5, 7));
        if (month >= 6 && month <= 9) continue;
        const season = month >= 10 ? Number(date.slice(0, 4)) + 1 : Number(date.slice(0, 4));
        const home = 1 + Math.floor(rnd() * TEAMS.length);
        let away = 1 + Math.floor(rnd() * TEAMS.length);
        if (away === home) away = (away % TEAMS.length) + 1;
        let homePts = 0;
        let awayPts = 0;
        for (const [team, side] of [[home, 'home'], [away, 'away']] as const) {
          for (const player of roster.get(team)!.slice(0, 8 + Math.floor(rnd() * 4))) {
            const pts = Math.floor(rnd() * rnd() * 32);
            if (side === 'home') homePts += pts; else awayPts += pts;
            db.prepare('INSERT INTO player_game_stats VALUES (?, ?, ?, ?, ?, ?)').run(game, player, pts, Math.floor(rnd() * 12), Math.floor(rnd() * 9), 8 + Math.floor(rnd() * 32));
          }
        }
        db.prepare('INSERT INTO game VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(game++, season, date, home, away, homePts + 3, awayPts, 9000 + Math.floor(rnd() * 11000));
      }
    })();
  });
}

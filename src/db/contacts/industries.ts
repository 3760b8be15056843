import type pg from 'pg';

export interface Industry {
  id: number;
  name: string;
  description: string;
  is_active: boolean;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'id, name, description, is_active, created_at, updated_at';

/** Industries are shared reference data (the same list for every tenant). */
export async function listIndustries(pool: pg.Pool): Promise<Industry[]> {
  return (await pool.query<Industry>(`select ${COLUMNS} from industries order by name`)).rows;
}

export async function findIndustry(pool: pg.Pool, id: number): Promise<Industry | null> {
  return (await pool.query<Industry>(`select ${COLUMNS} from industries where id = $1`, [id])).rows[0] ?? null;
}

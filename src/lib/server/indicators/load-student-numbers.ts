import type { Supabase } from '../supabase.ts';

export interface StudentNumbers {
  universities: Array<{ id: string; name: string }>;
  /** `${universityId}:${year}` → students */
  numbers: Record<string, number>;
}

/** The universities and the student numbers the administration entered for the given years. */
export async function loadStudentNumbers(supabase: Supabase, years: number[]): Promise<StudentNumbers> {
  const [universities, numbers] = await Promise.all([
    supabase.from('organizations').select('id, name, short_name').eq('kind', 'university').order('name'),
    supabase
      .from('university_student_numbers')
      .select('university_id, year, students')
      .in('year', years.length > 0 ? years : [0]),
  ]);
  if (universities.error) throw new Error(universities.error.message);
  if (numbers.error) throw new Error(numbers.error.message);
  return {
    universities: universities.data.map((u) => ({ id: u.id, name: u.short_name ?? u.name })),
    numbers: Object.fromEntries(numbers.data.map((n) => [`${n.university_id}:${n.year}`, n.students])),
  };
}

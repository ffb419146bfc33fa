import { type FormEvent, useCallback, useState } from 'react';
import type { ProjectView } from '../../../../shared/api/domains/organizations';
import { ErrorNotice } from '../../app/ui/ErrorNotice';
import { api } from '../../lib/api';
import { attempt, useLoad } from './useCall';

const PROJECT_ROLES = ['owner', 'editor', 'viewer'] as const;

/** Projects, their members with a project role, and the sources each may use. */
export function ProjectsTab() {
  const projects = useLoad(useCallback(() => api.call('projects/list', {}), []));
  const people = useLoad(useCallback(() => api.call('users/list', {}), []));
  const sources = useLoad(useCallback(() => api.call('sources/list', {}), []));
  const [name, setName] = useState('');
  const setError = projects.setError;

  async function create(event: FormEvent) {
    event.preventDefault();
    if (await attempt(() => api.call('projects/create', { name }), setError)) { setName(''); projects.reload(); }
  }
  const run = async (action: () => Promise<unknown>) => { if (await attempt(action, setError)) projects.reload(); };

  function ProjectCard({ project }: { project: ProjectView }) {
    const outsiders = (people.data ?? []).filter((p) => !project.members.some((m) => m.userId === p.id));
    const chosen = project.sourceIds;
    return (
      <section className="card card-pad col" style={{ gap: 10 }} aria-labelledby={`project-${project.id}`}>
        <h3 id={`project-${project.id}`}>{project.name}</h3>
        <table className="data" aria-label={`Members of ${project.name}`}>
          <thead><tr><th scope="col">Person</th><th scope="col">Project role</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
          <tbody>{project.members.map((m) => (
            <tr key={m.userId}>
              <td>{m.name} <span className="muted small">{m.email}</span></td>
              <td><select className="select" aria-label={`Project role of ${m.name} in ${project.name}`} value={m.projectRole} onChange={(e) => void run(() => api.call('projects/setMember', { projectId: project.id, userId: m.userId, role: e.target.value as typeof PROJECT_ROLES[number] }))}>
                {PROJECT_ROLES.map((r) => <option key={r} value={r}>{r}</option>)}</select></td>
              <td><button type="button" className="btn btn-sm btn-ghost" onClick={() => void run(() => api.call('projects/setMember', { projectId: project.id, userId: m.userId, role: null }))}>Remove {m.name}</button></td>
            </tr>
          ))}</tbody>
        </table>
        {outsiders.length ? (
          <label className="row">Add a member
            <select className="select" aria-label={`Add a member to ${project.name}`} value="" onChange={(e) => e.target.value && void run(() => api.call('projects/setMember', { projectId: project.id, userId: e.target.value, role: 'editor' }))}>
              <option value="">Choose a person…</option>{outsiders.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}</select>
          </label>
        ) : null}
        <fieldset className="col" style={{ gap: 4, border: 0, padding: 0 }}>
          <legend className="label">Data sources this project may use</legend>
          <label className="row"><input type="checkbox" checked={chosen === null} onChange={(e) => void run(() => api.call('projects/setSources', { projectId: project.id, sourceIds: e.target.checked ? null : project.ownSourceIds }))} />Its own sources (default)</label>
          {chosen !== null ? (sources.data ?? []).map((s) => (
            <label key={s.id} className="row"><input type="checkbox" checked={chosen.includes(s.id)} onChange={(e) => void run(() => api.call('projects/setSources', { projectId: project.id, sourceIds: e.target.checked ? [...chosen, s.id] : chosen.filter((id) => id !== s.id) }))} />{s.name}</label>
          )) : null}
        </fieldset>
      </section>
    );
  }

  return (
    <div className="col" style={{ gap: 16 }}>
      <form className="row" onSubmit={create} aria-label="New project">
        <div className="field grow"><label htmlFor="project-name">New project</label><input id="project-name" className="input" required value={name} onChange={(e) => setName(e.target.value)} placeholder="Finance" /></div>
        <button className="btn btn-primary" type="submit" style={{ alignSelf: 'flex-end' }}>Create project</button>
      </form>
      {projects.error ? <ErrorNotice error={projects.error} /> : null}
      {(projects.data ?? []).map((p) => <ProjectCard key={p.id} project={p} />)}
    </div>
  );
}

import { roleHas } from '../../../../shared/types/permissions';
import type { Role } from '../../../../shared/types/auth';
import type { Services } from '../../services';
import type { VerifiedAnswer } from '../../store';
import type { HandlerGroup } from '../types';

type VerifiedKeys = 'answers/verify' | 'answers/verified';

function verifiedView(v: VerifiedAnswer, role: Role) {
  return {
    id: v.id, projectId: v.projectId, sourceId: v.sourceId, messageId: v.messageId, question: v.question,
    ...(roleHas(role, 'sql:see') ? { sql: v.sql } : {}), verifiedBy: v.verifiedBy, createdAt: v.createdAt,
  };
}

export function verifiedHandlers(services: Services): HandlerGroup<VerifiedKeys> {
  const { chat, store } = services;
  const verified = () => {
    if (!chat.verified) throw new Error('Verified answers are not set up in this build.');
    return chat.verified;
  };
  return {
    'answers/verify': async ({ messageId, verified: on }, call) => {
      const answer = await verified().verify(call.auth, messageId, on);
      await store.audit.append(call.auth, { action: on ? 'answer.verified' : 'answer.unverified', target: messageId, details: answer ? { verifiedAnswerId: answer.id, sourceId: answer.sourceId } : {} });
      return { verified: on, answer: answer ? verifiedView(answer, call.auth.role) : null };
    },
    'answers/verified': async ({ sourceId }, call) => {
      // A source the caller cannot see is refused, not answered with an empty list.
      if (sourceId) await services.sources.record(call.auth, sourceId);
      return (await verified().list(call.auth, { sourceId })).map((v) => verifiedView(v, call.auth.role));
    },
  };
}

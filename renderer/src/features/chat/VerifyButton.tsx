import { useEffect, useState } from 'react';
import { Icon } from '../../app/icons';
import { api, describeError } from '../../lib/api';
import { useSession } from '../../stores/session';
import { useVerifiedMessages } from './verifiedStore';

/** "Mark as verified" on an answer, for roles that may verify: the project then reuses its SQL for paraphrases
 *  of the question. The state comes from the server's verified answers, so it survives a reload. */
export function VerifyButton({ messageId }: { messageId: string }) {
  const canVerify = useSession((s) => Boolean(s.user?.permissions.includes('answers:verify')));
  const userId = useSession((s) => s.user?.id ?? null);
  const known = useVerifiedMessages((s) => (s.userId === userId ? s.messageIds : null));
  const load = useVerifiedMessages((s) => s.load);
  const mark = useVerifiedMessages((s) => s.mark);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => { if (canVerify && userId && !known) void load(userId); }, [canVerify, userId, known, load]);
  if (!canVerify || !known) return null;
  const verified = known.has(messageId);
  const toggle = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const result = await api.call('answers/verify', { messageId, verified: !verified });
      mark(messageId, result.verified);
    } catch (error) {
      setProblem(describeError(error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button className="btn btn-sm" aria-pressed={verified} disabled={busy} data-testid="verify-answer" onClick={() => void toggle()}
        title={verified ? 'Withdraw: paraphrases of this question will be answered afresh' : 'Everyone in this project asking this question, in any wording, gets this SQL'}>
        <Icon name="shield" size={15} />{verified ? 'Verified (withdraw)' : 'Mark as verified'}
      </button>
      {problem ? <span className="alert alert-warn" role="alert">{problem}</span> : null}
    </>
  );
}

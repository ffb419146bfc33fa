import { useState } from 'react';
import { Icon } from '../../app/icons';
import { api, describeError } from '../../lib/api';
import { useSession } from '../../stores/session';

/** "Mark as verified" on an answer, for roles that may verify: the project then reuses its SQL for paraphrases of the question. */
export function VerifyButton({ messageId }: { messageId: string }) {
  const canVerify = useSession((s) => Boolean(s.user?.permissions.includes('answers:verify')));
  const [verified, setVerified] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (!canVerify) return null;
  const toggle = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const result = await api.call('answers/verify', { messageId, verified: !verified });
      setVerified(result.verified);
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

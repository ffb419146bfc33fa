export { VerifiedAnswers, type VerifiedCandidates } from './verifiedAnswers';
export { matchVerified, paraphraseSimilarity, PARAPHRASE_THRESHOLD, type ParaphraseMatch, type VerifiedCandidate } from './paraphrase';

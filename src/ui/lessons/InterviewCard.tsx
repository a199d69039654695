/** The "explain it in an interview" card that closes every lesson. */
import type { InterviewCard as Card, Html } from '../../lessons/types';
import { Markdown } from './Markdown';

/** Shows the question, a spoken answer, and the key points to hit. */
export function InterviewCard({ card }: { card: Card<Html> }) {
  return (
    <section className="interview-card" aria-label="Explain it in an interview">
      <h4 className="interview-kicker">Explain it in an interview</h4>
      <p className="interview-question">“{card.question}”</p>
      <Markdown html={card.answer} className="lesson-md interview-answer" />
      <h5>Key points</h5>
      <ul className="interview-points">
        {card.points.map((p) => (
          <li key={p}>
            <Markdown html={p} inline />
          </li>
        ))}
      </ul>
      <p className="interview-tip">Try saying the answer out loud in your own words before you read it again.</p>
    </section>
  );
}

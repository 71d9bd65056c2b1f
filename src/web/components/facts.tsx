/** A list of label–value facts (`<dl class="facts">`), as the dossier, receipt and payment pages show them; both escaped. */
export function FactList({ facts }: { facts: ReadonlyArray<readonly [label: string, value: string]> }) {
  return (
    <dl class="facts">
      {facts.map(([label, value]) => (
        <>
          <dt safe>{label}</dt>
          <dd safe>{value}</dd>
        </>
      ))}
    </dl>
  );
}

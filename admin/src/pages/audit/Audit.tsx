/** Placeholder while the page is being built. */
export default function Audit() {
  return <div>建设中</div>;
}

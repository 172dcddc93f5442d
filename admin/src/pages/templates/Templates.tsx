/** Placeholder while the page is being built. */
export default function Templates() {
  return <div>建设中</div>;
}

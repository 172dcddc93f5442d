/** Placeholder while the page is being built. */
export default function Users() {
  return <div>建设中</div>;
}

import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { computeAccess, type AccessKey } from '../access';
import { useSession } from '../stores/session';
import { LOGIN_PATH } from '../routes';
import { Forbidden } from '../pages/exception/Exceptions';

/** Guard for pages outside the shell (the printable bulletin): login first, then the access flag. */
export function RequireAccess({ access, children }: { access: AccessKey; children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (!session) {
    const redirect = `${location.pathname}${location.search}`;
    return <Navigate to={`${LOGIN_PATH}?redirect=${encodeURIComponent(redirect)}`} replace />;
  }
  return computeAccess(session.user)[access] ? <>{children}</> : <Forbidden />;
}

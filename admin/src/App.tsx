import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router-dom';
import { BasicLayout } from './layouts/BasicLayout';
import { PageLoading } from './components/PageLoading';
import { appRoutes, BULLETIN_PATH, HOME_PATH, LOGIN_PATH } from './routes';
import { NotFound } from './pages/exception/Exceptions';

const Login = lazy(() => import('./pages/login/Login'));
// 月度考核通报 prints as a bare A4 sheet, without the menu and header of the shell
const Bulletin = lazy(() => import('./pages/stats/Bulletin'));

/** Browser routing under /admin (the server falls back to index.html for /admin/*). */
const router = createBrowserRouter(
  [
    {
      path: LOGIN_PATH,
      element: (
        <Suspense fallback={<PageLoading />}>
          <Login />
        </Suspense>
      ),
    },
    {
      path: BULLETIN_PATH,
      element: (
        <Suspense fallback={<PageLoading />}>
          <Bulletin />
        </Suspense>
      ),
    },
    {
      path: '/',
      element: <BasicLayout />,
      children: [
        { index: true, element: <Navigate to={HOME_PATH} replace /> },
        ...appRoutes.map((r) => ({ path: r.path, element: <r.component /> })),
        { path: '*', element: <NotFound /> },
      ],
    },
  ],
  { basename: '/admin' },
);

export function AppRouter() {
  return <RouterProvider router={router} />;
}

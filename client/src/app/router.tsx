import { createBrowserRouter } from 'react-router'
import { RequireAuth } from '../lib/auth.tsx'
import { pageRoutes } from '../pages/routes.tsx'
import { FEATURES } from './features.ts'
import { Layout } from './layout.tsx'
import { AcceptInvitationPage } from './routes/accept-invitation.tsx'
import { ForgotPasswordPage } from './routes/forgot-password.tsx'
import { HomePage } from './routes/home.tsx'
import { LoginPage } from './routes/login.tsx'
import { PrivacyPage } from './routes/privacy.tsx'
import { NotFoundPage } from './routes/not-found.tsx'
import { ResetPasswordPage } from './routes/reset-password.tsx'
import { RouteError } from './routes/route-error.tsx'

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  { path: '/accept-invitation', element: <AcceptInvitationPage /> },
  { path: '/forgot-password', element: <ForgotPasswordPage /> },
  { path: '/reset-password', element: <ResetPasswordPage /> },
  { path: '/privacy', element: <PrivacyPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <Layout />
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    children: [{ index: true, element: <HomePage /> }, ...FEATURES.flatMap((f) => f.routes), ...pageRoutes, { path: '*', element: <NotFoundPage /> }],
  },
])

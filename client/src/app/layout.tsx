import { AppShell, Avatar, Burger, Group, Menu, NavLink, Stack, Text, UnstyledButton, VisuallyHidden } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { Link, Outlet, useLocation, useNavigate } from 'react-router'
import { ROLE_LABELS } from '@ee/shared/common'
import { useActor, useLogout } from '../lib/auth.tsx'
import { FEATURES } from './features.ts'

export function Layout() {
  const me = useActor()
  const [opened, { toggle, close }] = useDisclosure()
  const location = useLocation()
  const navigate = useNavigate()
  const logout = useLogout()
  const items = FEATURES.flatMap((f) => f.nav)
    .filter((n) => n.roles.includes(me.role))
    .sort((a, b) => a.order - b.order)
  const headerItems = FEATURES.flatMap((f) => (f.header ? [f.header] : []))

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
      <a className="skip-link" href="#main">Skip to main content</a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Open navigation" />
            <Text component={Link} to="/" fw={700} size="lg" c="indigo.9" style={{ textDecoration: 'none' }}>
              Expertise Exchange
            </Text>
            <Text c="dimmed" size="sm" visibleFrom="md">{me.trustName}</Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {headerItems.map((Item, i) => (
              <Item key={i} />
            ))}
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <UnstyledButton>
                  <Group gap="xs" wrap="nowrap">
                    <Avatar name={me.name} color="indigo" variant="filled" size="sm" aria-hidden />
                    <Stack gap={0} visibleFrom="sm">
                      <Text size="sm" fw={500}>{me.name}</Text>
                      <Text size="xs" c="dimmed">{ROLE_LABELS[me.role]}{me.schoolName ? ` · ${me.schoolName}` : ''}</Text>
                    </Stack>
                    <VisuallyHidden>Account menu</VisuallyHidden>
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{me.email}</Menu.Label>
                <Menu.Item component={Link} to="/account">Your account and password</Menu.Item>
                <Menu.Item
                  onClick={() =>
                    logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) })
                  }
                >
                  Sign out
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Main navigation" component="nav">
        <NavLink component={Link} to="/" label="Home" active={location.pathname === '/'} variant="filled" onClick={close} />
        {items.map((item) => (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={item.label}
            active={location.pathname === item.to || location.pathname.startsWith(`${item.to}/`)}
            variant="filled"
            onClick={close}
          />
        ))}
        <NavLink component={Link} to="/privacy" label="Privacy notice" mt="auto" c="dimmed" onClick={close} />
      </AppShell.Navbar>
      <AppShell.Main id="main" component="main" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  )
}

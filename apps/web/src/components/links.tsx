/** Mantine components that navigate with TanStack Router (typed `to`, client-side navigation, preload on intent). */
import { forwardRef } from 'react';
import { Anchor, Button, NavLink, type AnchorProps, type ButtonProps, type NavLinkProps } from '@mantine/core';
import { createLink, type LinkComponent } from '@tanstack/react-router';

type AnchorBase = AnchorProps & Omit<React.ComponentPropsWithoutRef<'a'>, keyof AnchorProps>;
const AnchorBaseComponent = forwardRef<HTMLAnchorElement, AnchorBase>((props, ref) => <Anchor ref={ref} {...props} />);
AnchorBaseComponent.displayName = 'AnchorBase';
const CreatedAnchorLink = createLink(AnchorBaseComponent);
export const AnchorLink: LinkComponent<typeof AnchorBaseComponent> = (props) => <CreatedAnchorLink preload="intent" {...props} />;

type ButtonBase = ButtonProps & Omit<React.ComponentPropsWithoutRef<'a'>, keyof ButtonProps>;
const ButtonBaseComponent = forwardRef<HTMLAnchorElement, ButtonBase>((props, ref) => <Button component="a" ref={ref} {...props} />);
ButtonBaseComponent.displayName = 'ButtonBase';
const CreatedButtonLink = createLink(ButtonBaseComponent);
export const ButtonLink: LinkComponent<typeof ButtonBaseComponent> = (props) => <CreatedButtonLink preload="intent" {...props} />;

type NavLinkBase = NavLinkProps & Omit<React.ComponentPropsWithoutRef<'a'>, keyof NavLinkProps>;
const NavLinkBaseComponent = forwardRef<HTMLAnchorElement, NavLinkBase>((props, ref) => <NavLink component="a" ref={ref} {...props} />);
NavLinkBaseComponent.displayName = 'NavLinkBase';
const CreatedNavLink = createLink(NavLinkBaseComponent);
export const RouterNavLink: LinkComponent<typeof NavLinkBaseComponent> = (props) => <CreatedNavLink preload="intent" {...props} />;

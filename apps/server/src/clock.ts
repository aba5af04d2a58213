/** The one Clock and system clock live in `@csphub/domain`; this module only keeps `./clock` imports working. */
export { systemClock, type Clock } from '@csphub/domain';

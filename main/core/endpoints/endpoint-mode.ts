/** The auth mode a run of a saved endpoint uses: the one named, or the endpoint's primary. */
import type { AuthMode, AuthModeType, EndpointDTO } from '../../../shared/endpoints.ts';
import { AppError } from '../../../shared/errors.ts';

export function endpointMode(endpoint: EndpointDTO, type: AuthModeType | undefined): AuthMode {
  const mode = type ? endpoint.authModes.find((m) => m.type === type) : endpoint.authModes[0];
  if (!mode) {
    throw new AppError(
      'INVALID_INPUT',
      `Endpoint "${endpoint.name}" does not enable ${type}; choose one of ${endpoint.authModes.map((m) => m.type).join(', ')}.`,
    );
  }
  return mode;
}

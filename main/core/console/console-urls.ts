/**
 * Where the AWS console and its sign-in federation endpoint live for a region: the partition
 * follows from the region's name (cn-* → aws-cn, us-gov-* → aws-us-gov, else aws), and a
 * destination deep-links to a service, or to one AppSync API when its id is known.
 */
import { AppError } from '../../../shared/errors.ts';

export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

interface PartitionHosts {
  signin: string;
  /** The console for a region. */
  console(region: string): string;
}

const PARTITIONS: Record<Partition, PartitionHosts> = {
  aws: {
    signin: 'signin.aws.amazon.com',
    console: (region) => `${region}.console.aws.amazon.com`,
  },
  'aws-cn': { signin: 'signin.amazonaws.cn', console: () => 'console.amazonaws.cn' },
  'aws-us-gov': {
    signin: 'signin.amazonaws-us-gov.com',
    console: () => 'console.amazonaws-us-gov.com',
  },
};

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const SERVICE = /^[a-z0-9][a-z0-9-]{0,62}$/;
const API_ID = /^[a-z0-9]{1,64}$/;

export function partitionOf(region: string): Partition {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** `https://signin.aws.amazon.com/federation` and its counterparts. */
export function federationEndpoint(partition: Partition): string {
  return `https://${PARTITIONS[partition].signin}/federation`;
}

/** Whether a host is one of AWS's own sign-in hosts (the only ones credentials may go to). */
export function isAwsSigninHost(host: string): boolean {
  return Object.values(PARTITIONS).some(
    (p) =>
      host === p.signin || (host.endsWith(`.${p.signin}`) && REGION.test(host.split('.')[0] ?? '')),
  );
}

export interface ConsoleTarget {
  region: string;
  /** A console service slug (`appsync`, `cloudwatch` …); none: the console home. */
  service?: string | undefined;
  /** An AppSync API id: deep-links to that API (implies the AppSync console). */
  apiId?: string | undefined;
}

export function consoleDestination(target: ConsoleTarget): string {
  const { region } = target;
  if (!REGION.test(region)) {
    throw new AppError('INVALID_INPUT', `"${region}" is not an AWS region name (like eu-west-1).`);
  }
  const service = target.apiId !== undefined ? 'appsync' : (target.service ?? 'console');
  if (!SERVICE.test(service)) {
    throw new AppError(
      'INVALID_INPUT',
      `"${service}" is not a console service name (like appsync).`,
    );
  }
  if (target.apiId !== undefined && !API_ID.test(target.apiId)) {
    throw new AppError('INVALID_INPUT', `"${target.apiId}" is not an AppSync API id.`);
  }
  const host = PARTITIONS[partitionOf(region)].console(region);
  const base = `https://${host}/${service}/home?region=${region}`;
  return target.apiId !== undefined ? `${base}#/${target.apiId}/v1/home` : base;
}

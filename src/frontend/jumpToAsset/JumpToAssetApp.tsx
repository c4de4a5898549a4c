/**
 * Jump to Asset dialog (jira:issueAction, UI Kit). Asks the resolver once for the ticket's asset(s) and
 * Jump link(s); the resolver takes the issue from its own invocation context, so nothing is sent.
 */
import React, { useEffect, useState } from 'react';
import { Spinner } from '@forge/react';
import { invoke } from '@forge/bridge';
import type { JumpInfoResult } from '../../jump/contract';
import { JumpDialog } from './JumpDialog';
import { JumpProblem } from './JumpProblem';

function isResult(value: unknown): value is JumpInfoResult {
  if (!value || typeof value !== 'object') return false;
  const v = value as { ok?: unknown; info?: { assets?: unknown }; error?: { message?: unknown } };
  return v.ok === true ? Array.isArray(v.info?.assets) && v.info.assets.length > 0 : v.ok === false && typeof v.error?.message === 'string';
}

const failure = (message: string): JumpInfoResult => ({ ok: false, error: { code: 'ERROR', message } });

export const JumpToAssetApp = () => {
  const [result, setResult] = useState<JumpInfoResult>();
  useEffect(() => {
    let active = true;
    invoke<unknown>('getJumpInfo').then(
      (value) => active && setResult(isResult(value) ? value : failure('The app answered with something unexpected. Try again.')),
      (error: Error) => active && setResult(failure(`The Jump information could not be loaded: ${error.message}`)),
    );
    return () => {
      active = false;
    };
  }, []);

  if (!result) return <Spinner label="Loading the ticket's asset" />;
  return result.ok ? <JumpDialog info={result.info} /> : <JumpProblem error={result.error} />;
};

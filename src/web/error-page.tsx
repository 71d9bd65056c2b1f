import type { FastifyRequest } from 'fastify';
import { titleFor, type AppError } from '../platform/http/index.js';
import { Layout } from './layout.js';
import { pageContext } from './context.js';

export function renderErrorPage(request: FastifyRequest, error: AppError) {
  const title = titleFor(error.status);
  return (
    '<!doctype html>' +
    (
      <Layout ctx={pageContext(request)} title={title}>
        <>
          <h1 safe>{title}</h1>
          <p safe>{error.message}</p>
          <p>
            <a href="/">Về trang chủ</a>
          </p>
        </>
      </Layout>
    )
  );
}

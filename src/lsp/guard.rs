//! The last line of defence: a panic while handling one message becomes an error response
//! (or, for a notification, a log line), and the server goes on with the next message.
//!
//! [`CatchPanic`] wraps tower-lsp's service, so every request and notification is
//! covered, including tower-lsp's own routing. Shared state must therefore tolerate a
//! handler that stopped half-way: locks are taken with [`lock`], which ignores poisoning.
//!
//! It also makes sure every request is answered. tower-lsp drops its own `MethodNotFound`
//! answer when the method starts with `$/` (right for a notification, but the LSP
//! specification says a `$/` *request* must get that error): a client waiting on such a
//! request would wait forever. A request the service answers with nothing gets the
//! `MethodNotFound` error here.

use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::task::{Context, Poll};

use tower::Service;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Id, Request, Response};

pub use sourced_core::sync::lock;

/// The text of a panic payload.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}

/// A service that turns panics of `S` into error responses.
pub struct CatchPanic<S> {
    inner: S,
}

impl<S> CatchPanic<S> {
    pub fn new(inner: S) -> CatchPanic<S> {
        CatchPanic { inner }
    }
}

fn internal_error(method: &str, why: &str) -> Error {
    Error {
        code: ErrorCode::InternalError,
        message: format!("sourced: internal error while handling {method}: {why}").into(),
        data: None,
    }
}

/// The answer to a request the service left unanswered (see the module doc).
fn unanswered(method: &str, id: &Option<Id>, resp: Option<Response>) -> Option<Response> {
    match (resp, id) {
        (None, Some(id)) if method != "exit" => {
            let mut error = Error::method_not_found();
            error.data = Some(method.into());
            Some(Response::from_error(id.clone(), error))
        }
        (resp, _) => resp,
    }
}

fn report(method: &str, id: &Option<Id>, why: &str) -> Option<Response> {
    eprintln!("sourced lsp: panic while handling {method}: {why}; the server carries on");
    id.clone()
        .map(|id| Response::from_error(id, internal_error(method, why)))
}

impl<S> Service<Request> for CatchPanic<S>
where
    S: Service<Request, Response = Option<Response>>,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
{
    type Response = Option<Response>;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Option<Response>, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> Self::Future {
        let method = req.method().to_string();
        let id = req.id().cloned();
        match catch_unwind(AssertUnwindSafe(|| self.inner.call(req))) {
            Ok(fut) => Box::pin(Guarded {
                fut: Box::pin(fut),
                method,
                id,
            }),
            Err(payload) => {
                let resp = report(&method, &id, &panic_message(payload.as_ref()));
                Box::pin(std::future::ready(Ok(resp)))
            }
        }
    }
}

struct Guarded<F> {
    fut: Pin<Box<F>>,
    method: String,
    id: Option<Id>,
}

impl<F, E> Future for Guarded<F>
where
    F: Future<Output = Result<Option<Response>, E>>,
{
    type Output = Result<Option<Response>, E>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        match catch_unwind(AssertUnwindSafe(|| this.fut.as_mut().poll(cx))) {
            Ok(Poll::Ready(Ok(resp))) => Poll::Ready(Ok(unanswered(&this.method, &this.id, resp))),
            Ok(poll) => poll,
            Err(payload) => Poll::Ready(Ok(report(
                &this.method,
                &this.id,
                &panic_message(payload.as_ref()),
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Panicky;

    impl Service<Request> for Panicky {
        type Response = Option<Response>;
        type Error = ();
        type Future = Pin<Box<dyn Future<Output = Result<Option<Response>, ()>> + Send>>;

        fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), ()>> {
            Poll::Ready(Ok(()))
        }

        fn call(&mut self, req: Request) -> Self::Future {
            if req.method() == "sync" {
                panic!("boom in call");
            }
            if req.method().starts_with("$/") {
                // What tower-lsp does with an unknown `$/` method: no answer at all.
                return Box::pin(std::future::ready(Ok(None)));
            }
            Box::pin(async move {
                tokio::task::yield_now().await;
                panic!("boom in future");
            })
        }
    }

    #[tokio::test]
    async fn panics_become_error_responses() {
        let mut svc = CatchPanic::new(Panicky);
        for method in ["sync", "async"] {
            let req = Request::build(method).id(3).finish();
            let resp = svc.call(req).await.unwrap().unwrap();
            let err = resp.error().unwrap();
            assert_eq!(err.code, ErrorCode::InternalError);
            assert!(err.message.contains("boom"), "{}", err.message);
        }
        // A notification has nobody to answer.
        let note = Request::build("async").finish();
        assert_eq!(svc.call(note).await, Ok(None));
    }

    #[tokio::test]
    async fn a_request_left_unanswered_gets_method_not_found() {
        let mut svc = CatchPanic::new(Panicky);
        let req = Request::build("$/unknownRequest").id(9).finish();
        let resp = svc.call(req).await.unwrap().unwrap();
        assert_eq!(resp.error().unwrap().code, ErrorCode::MethodNotFound);
        assert_eq!(resp.id(), &Id::Number(9));
        // The same method as a notification is ignored, as the specification says.
        let note = Request::build("$/unknownRequest").finish();
        assert_eq!(svc.call(note).await, Ok(None));
    }
}

;;; test-sourced-eglot.el --- Batch test of sourced-eglot.el against `sourced lsp'  -*- lexical-binding: t; -*-

;; emacs --batch -L editors/emacs -l editors/emacs/test-sourced-eglot.el SOURCED STORY-DIR
;;
;; Opens STORY-DIR/draft.md, starts Eglot with the Sourced server, waits for the Flymake
;; diagnostics of expected.md (lines 7, 9, 11, 15 and 17), lists the sources of the Mattis
;; quote (line 13) with `sourced-sources' and re-indexes with `sourced-reindex'.  Prints
;; PASS/FAIL lines and `emacs: N passed, M failed'; exits 1 when a check failed.

;;; Code:

(require 'sourced-eglot)
(require 'flymake)

(defvar sourced-test--passed 0)
(defvar sourced-test--failed 0)

(defun sourced-test--say (fmt &rest args)
  (princ (concat (apply #'format fmt args) "\n")))

(defun sourced-test--check (name ok &optional detail)
  (if ok
      (progn (setq sourced-test--passed (1+ sourced-test--passed))
             (sourced-test--say "PASS %s" name))
    (setq sourced-test--failed (1+ sourced-test--failed))
    (sourced-test--say "FAIL %s%s" name (if detail (concat ": " detail) ""))))

(defun sourced-test--wait (pred seconds)
  (let ((deadline (+ (float-time) seconds)))
    (while (and (< (float-time) deadline) (not (funcall pred)))
      (accept-process-output nil 0.1))
    (funcall pred)))

(defun sourced-test--finish ()
  (ignore-errors (eglot-shutdown (eglot-current-server)))
  (sourced-test--say "emacs: %d passed, %d failed" sourced-test--passed sourced-test--failed)
  (kill-emacs (if (= sourced-test--failed 0) 0 1)))

(let* ((server (expand-file-name (nth 0 command-line-args-left)))
       (story (expand-file-name (nth 1 command-line-args-left)))
       (expected '((7 . "misattributed-quote") (9 . "altered-quote") (11 . "unsourced-quote")
                   (15 . "misspelled-name") (17 . "title-mismatch"))))
  (setq command-line-args-left nil)
  (setq sourced-server-program server)
  (find-file (expand-file-name "draft.md" story))
  (text-mode)                            ; markdown-mode may not be installed
  (eglot-ensure)
  (run-hooks 'post-command-hook)         ; eglot-ensure starts on the next command
  (sourced-test--check "Eglot starts `sourced lsp' for draft.md"
                       (sourced-test--wait #'eglot-current-server 30))
  (unless (eglot-current-server) (sourced-test--finish))
  (let ((found (lambda (line code)
                 (seq-some (lambda (d)
                             (and (= (line-number-at-pos (flymake-diagnostic-beg d)) line)
                                  (string-match-p (regexp-quote code) (flymake-diagnostic-text d))))
                           (flymake-diagnostics)))))
    (sourced-test--wait (lambda () (seq-every-p (lambda (e) (funcall found (car e) (cdr e))) expected)) 30)
    (dolist (e expected)
      (sourced-test--check (format "Flymake shows %s on line %d" (cdr e) (car e))
                           (funcall found (car e) (cdr e))
                           (format "got %S" (mapcar (lambda (d) (cons (line-number-at-pos (flymake-diagnostic-beg d))
                                                                      (flymake-diagnostic-text d)))
                                                    (flymake-diagnostics))))))
  (goto-char (point-min))
  (forward-line 12)
  (search-forward "all for re-opening")
  (condition-case err
      (progn
        (sourced-sources)
        (let ((listing (if (get-buffer "*sourced-sources*")
                           (with-current-buffer "*sourced-sources*" (buffer-string))
                         "")))
          (sourced-test--check "M-x sourced-sources on the Mattis quote (line 13) lists breitbart.txt"
                               (string-match-p "sources/breitbart\\.txt:[0-9]+:" listing)
                               listing)))
    (error (sourced-test--check "M-x sourced-sources on the Mattis quote (line 13) lists breitbart.txt"
                                nil (error-message-string err))))
  (condition-case err
      (progn (sourced-reindex)
             (sourced-test--check "M-x sourced-reindex is accepted by the server" t))
    (error (sourced-test--check "M-x sourced-reindex is accepted by the server" nil (error-message-string err))))
  (sourced-test--finish))

;;; test-sourced-eglot.el ends here
